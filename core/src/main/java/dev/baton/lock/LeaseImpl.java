package dev.baton.lock;

import dev.baton.Guard;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import dev.baton.ListenerHandle;
import dev.baton.internal.GuardedOps;
import dev.baton.internal.GuardedWrites;
import dev.baton.internal.Listeners;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A lease: one node of a lock's queue that was allowed to hold. */
final class LeaseImpl implements LockLease, Guard {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseImpl.class);

  private enum Status {
    VALID,
    LOST,
    RELEASED
  }

  private final QueueLock lock;
  private final String path;
  private final long token;
  private final long sessionId;
  private final AtomicReference<Status> status = new AtomicReference<>(Status.VALID);
  private final Listeners<Once> lostListeners;
  private volatile @Nullable ListenerHandle clockHold; // set once the clock holds for this lease
  private volatile String lostReason = "";
  private int holds = 1; // guarded by this: re-entrant acquisitions of a mutex
  private @Nullable Runnable onRelease; // guarded by this

  LeaseImpl(QueueLock lock, String path, long token, long sessionId) {
    this.sessionId = sessionId;
    this.lock = lock;
    this.path = path;
    this.token = token;
    this.lostListeners = new Listeners<>("lease " + path);
    // The clock ends the lease when it can no longer vouch for its session, so onLost comes when
    // the clock runs out, without anyone calling isValid().
    ListenerHandle hold = lock.clock().hold(sessionId, true, this::isValid);
    this.clockHold = hold;
    if (status.get() != Status.VALID) {
      hold.close(); // lapsed before the field was set: lose() could not release the hold
    }
  }

  @Override
  public long fencingToken() {
    return token;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String guardPath() {
    return path;
  }

  @Override
  public boolean isValid() {
    if (status.get() != Status.VALID) {
      return false;
    }
    // Decided here, from the clock and the live session, not only by connection events: those
    // arrive on one shared thread that any listener can hold up.
    String stale = lock.clock().staleness(sessionId, true);
    if (stale != null) {
      lose(stale);
      return false;
    }
    return true;
  }

  /** The session the lease's node belongs to (its {@code ephemeralOwner}). */
  long sessionId() {
    return sessionId;
  }

  boolean isLost() {
    return status.get() == Status.LOST;
  }

  @Override
  public void checkValid() {
    if (!isValid()) {
      throw new LeaseLostException(
          path,
          "lease of "
              + lock.description()
              + " (token "
              + token
              + ") is "
              + (status.get() == Status.RELEASED ? "released" : "lost: " + lostReason));
    }
  }

  @Override
  public ListenerHandle addListener(LeaseListener listener) {
    return addListener(listener, Runnable::run);
  }

  @Override
  public ListenerHandle addListener(LeaseListener listener, Executor executor) {
    Once once = new Once(Objects.requireNonNull(listener, "listener"));
    // Registered before the status is read: a loss racing with this call reaches the listener
    // through lose() or through the late call below, and Once lets only one of them through.
    ListenerHandle handle = lostListeners.add(once, executor);
    if (status.get() == Status.RELEASED) {
      // Released: release() cleared the listeners, perhaps before this add; never hear of a loss.
      handle.close();
      return handle;
    }
    if (status.get() == Status.LOST) {
      Listeners<Once> late = new Listeners<>("lease " + path);
      late.add(once, executor);
      late.forEach(o -> o.fire(this));
    }
    return handle;
  }

  @Override
  public void removeListener(LeaseListener listener) {
    Objects.requireNonNull(listener, "listener");
    lostListeners.removeIf(once -> once.listener == listener);
  }

  @Override
  public Guard guard() {
    return this;
  }

  @Override
  public List<GuardedOp.Result> guardedWrite(List<GuardedOp> ops) {
    return GuardedWrites.write(lock.client(), this, ops);
  }

  @Override
  public List<CuratorTransactionResult> guardedTransaction(List<CuratorOp> ops) {
    return GuardedOps.commit(lock.client(), this, ops);
  }

  /**
   * Marks the lease lost, once; its listeners hear it then. If the connection is up (a lapse of the
   * lease's own clock, or a loss noticed after the reconnection), no RECONNECTED event will come to
   * free the node, so it is deleted now: a lost lease must not keep blocking the queue.
   */
  void lose(String reason) {
    if (status.compareAndSet(Status.VALID, Status.LOST)) {
      lostReason = reason;
      releaseClock();
      LOG.warn("Lease {} (token {}) of {} lost: {}", path, token, lock.description(), reason);
      // Status is LOST before this check, so a reconnection after it finds the lease lost.
      if (lock.connected()) {
        lock.deleteInBackground(path);
      }
      lostListeners.forEach(o -> o.fire(this));
    }
  }

  /** One more hold by the owning thread; false if the lease was released meanwhile. */
  synchronized boolean reenter() {
    if (status.get() == Status.RELEASED) {
      return false;
    }
    holds++;
    return true;
  }

  synchronized void onRelease(Runnable hook) {
    this.onRelease = hook;
  }

  @Override
  public void close() {
    Runnable hook;
    Status before;
    synchronized (this) {
      if (status.get() == Status.RELEASED || --holds > 0) {
        return;
      }
      // RELEASED in the same monitor that took holds to 0, so reenter() cannot hand this lease
      // to its owner while another thread is releasing it.
      before = status.getAndSet(Status.RELEASED);
      hook = onRelease;
    }
    lock.awaitReleased(release(before, hook));
  }

  /**
   * Releases regardless of re-entrant holds: the lock itself is closing, and waits for all its
   * leases at once.
   */
  CompletableFuture<Void> forceRelease() {
    Runnable hook;
    Status before;
    synchronized (this) {
      holds = 0;
      before = status.getAndSet(Status.RELEASED);
      hook = onRelease;
    }
    return release(before, hook);
  }

  private CompletableFuture<Void> release(Status before, @Nullable Runnable hook) {
    if (before == Status.RELEASED) {
      return CompletableFuture.completedFuture(null);
    }
    releaseClock();
    lostListeners.clear();
    if (hook != null) {
      hook.run();
    }
    return lock.release(this);
  }

  private void releaseClock() {
    ListenerHandle hold = clockHold;
    if (hold != null) {
      hold.close(); // idempotent
    }
  }

  @Override
  public String toString() {
    return "LockLease{" + path + ", token=" + token + ", " + status.get() + "}";
  }

  /** One registration of a listener, which hears a loss at most once. */
  private static final class Once {
    final LeaseListener listener;
    private final AtomicBoolean fired = new AtomicBoolean();

    Once(LeaseListener listener) {
      this.listener = listener;
    }

    void fire(LockLease lease) {
      if (fired.compareAndSet(false, true)) {
        listener.onLost(lease);
      }
    }
  }
}
