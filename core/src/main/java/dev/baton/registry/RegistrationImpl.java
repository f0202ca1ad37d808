package dev.baton.registry;

import dev.baton.CoordinationException;
import dev.baton.ListenerHandle;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import dev.baton.internal.Sessions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registration. All writes go through {@link #node.ensure(instance)} under one lock: it makes
 * the node exist with the desired payload, owned by the current session, by the fewest writes (none
 * when all is in place), so a plain reconnect costs watchers nothing.
 */
final class RegistrationImpl implements Registration {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationImpl.class);
  static final long FIRST_BACKOFF_MS = 100;
  static final long MAX_BACKOFF_MS = 5_000;
  // How long close waits for the server to confirm the delete (only while connected).
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final ServiceRegistryImpl registry;
  private final String path;
  private final InstanceNode node;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final Object writeLock = new Object();
  private final AtomicLong epoch = new AtomicLong();
  private final AtomicReference<@Nullable ScheduledFuture<?>> pending = new AtomicReference<>();
  private final Listeners<RegistrationListener> listeners;
  private volatile ServiceInstance instance;
  // Guards registered and returnUnreported together; held only briefly, never around I/O.
  private final Object status = new Object();
  private boolean registered;
  // The node went (session lost, or found missing) and its return has not been reported yet. The
  // report belongs to the return, not to the write that made it: a create that lands but whose
  // answer is lost (Curator retries it and finds the node; a newer attempt interrupts it) leaves
  // the node in place for a later look, which must still report it.
  private boolean returnUnreported;

  RegistrationImpl(ServiceRegistryImpl registry, ServiceInstance instance) {
    this.registry = registry;
    this.instance = instance;
    this.path = Paths.instance(instance.name(), instance.id());
    this.listeners = new Listeners<>("registration " + path);
    this.node = new InstanceNode(registry, path);
  }

  void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("registration " + path + " already started");
    }
    InstanceNode.Outcome outcome;
    synchronized (writeLock) {
      outcome = node.ensure(instance);
    }
    synchronized (status) {
      registered = true;
    }
    LOG.info(
        "Registered {}{}",
        path,
        outcome == InstanceNode.Outcome.REPLACED
            ? " (replaced the node of this client's expired session)"
            : "");
  }

  @Override
  public ServiceInstance instance() {
    return instance;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public boolean isRegistered() {
    synchronized (status) {
      return registered && state.get() == State.STARTED;
    }
  }

  @Override
  public ServiceInstance update(InstanceStatus status) {
    return write(instance.withStatus(status));
  }

  @Override
  public ServiceInstance update(Map<String, String> metadata) {
    return write(instance.withMetadata(metadata));
  }

  private ServiceInstance write(ServiceInstance next) {
    InstanceNode.Outcome outcome;
    long ep;
    synchronized (writeLock) {
      checkStarted();
      // Kept even if the write fails: re-registration writes the latest wish.
      instance = next;
      requireNotReadOnly();
      ep = epoch.get();
      outcome = node.ensure(instance);
    }
    settle(ep, outcome);
    return next;
  }

  @Override
  public ListenerHandle addListener(RegistrationListener listener) {
    return listeners.add(listener);
  }

  @Override
  public ListenerHandle addListener(RegistrationListener listener, Executor executor) {
    return listeners.add(listener, executor);
  }

  @Override
  public void removeListener(RegistrationListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    epoch.incrementAndGet();
    cancelPending();
    synchronized (status) {
      registered = false;
    }
    registry.forget(this);
    Parts.of(registry.coordinator()).unmanage(this);
    CompletableFuture<Void> deleted;
    synchronized (writeLock) {
      deleted = node.deleteInBackground();
    }
    listeners.clear();
    BackgroundWork.of(registry.curator()).awaitBriefly(deleted, CLOSE_WAIT);
    LOG.info("Deregistered {}", path);
  }

  @Override
  public String toString() {
    return "Registration{" + path + ", " + instance.status() + "}";
  }

  // ---- called by the registry on connection events (Curator's thread) ----

  void sessionLost() {
    if (state.get() != State.STARTED) {
      return;
    }
    boolean wasBack;
    synchronized (status) {
      // Once per loss: Curator may report LOST again before the node is back.
      wasBack = registered;
      registered = false;
      returnUnreported = true;
      epoch.incrementAndGet();
    }
    cancelPending();
    if (!wasBack) {
      LOG.debug("Session lost again before {} was re-registered", path);
      return;
    }
    ServiceInstance lost = instance;
    LOG.warn("Session lost: {} is gone from ZooKeeper until re-registered", path);
    execute(() -> listeners.forEach(l -> l.onLost(lost)));
  }

  /** Schedules {@link #node.ensure(instance)} (with retries) on the registry's thread. */
  void ensureLater() {
    if (state.get() != State.STARTED) {
      return;
    }
    long ep = epoch.incrementAndGet();
    cancelPending();
    schedule(ep, 1, 0);
  }

  private void attempt(long ep, int n) {
    if (state.get() != State.STARTED || epoch.get() != ep) {
      return;
    }
    try {
      InstanceNode.Outcome outcome;
      synchronized (writeLock) {
        if (state.get() != State.STARTED) {
          return;
        }
        requireNotReadOnly();
        outcome = node.ensure(instance);
      }
      settle(ep, outcome);
    } catch (RuntimeException e) {
      if (state.get() != State.STARTED || epoch.get() != ep) {
        return;
      }
      CoordinationException cause =
          e instanceof CoordinationException ce
              ? ce
              : new CoordinationException(path, "re-registration failed: " + e, e);
      long delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(n - 1, 16));
      LOG.warn(
          "Re-registering {} failed (attempt {}), retrying in {} ms: {}",
          path,
          n,
          delay,
          cause.getMessage());
      listeners.forEach(l -> l.onReRegistrationFailed(cause, n));
      schedule(ep, n + 1, delay);
    }
  }

  /**
   * Records that {@link InstanceNode#ensure} (begun in epoch {@code ep}) put the node in place, and
   * reports a return exactly once: whether this write made it or an earlier one whose answer was
   * lost did. A newer epoch (a loss or reconnect meanwhile) leaves the verdict to the newer
   * attempt.
   */
  private void settle(long ep, InstanceNode.Outcome outcome) {
    boolean report;
    synchronized (status) {
      if (outcome != InstanceNode.Outcome.PRESENT) {
        returnUnreported = true;
      }
      if (epoch.get() != ep || state.get() != State.STARTED) {
        return;
      }
      registered = true;
      report = returnUnreported;
      returnUnreported = false;
    }
    if (report) {
      reportReRegistered();
    }
  }

  private void reportReRegistered() {
    ServiceInstance now = instance;
    long session = registry.currentSession();
    LOG.info("Re-registered {} in session 0x{}", path, Long.toHexString(session));
    listeners.forEach(l -> l.onReRegistered(now, session));
  }

  private void schedule(long ep, int n, long delayMs) {
    try {
      pending.set(
          registry.scheduler().schedule(() -> attempt(ep, n), delayMs, TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      LOG.debug("Registry closing; no re-registration of {}", path);
    }
  }

  private void execute(Runnable r) {
    try {
      registry.scheduler().execute(r);
    } catch (RejectedExecutionException e) {
      LOG.debug("Registry closing; notification of {} dropped", path);
    }
  }

  private void cancelPending() {
    ScheduledFuture<?> f = pending.getAndSet(null);
    if (f != null) {
      // Interrupts an attempt stuck in Curator's retries, so close() need not wait it out.
      f.cancel(true);
    }
  }

  /**
   * A read-only member serves a frozen copy, in which the node of an expired session may still look
   * like ours: judge ownership only on a writable connection (RECONNECTED ensures again).
   */
  private void requireNotReadOnly() {
    org.apache.curator.framework.CuratorFramework c = registry.coordinator().curator();
    if (c.getZookeeperClient().isConnected() && !Sessions.writable(c)) {
      throw new CoordinationException(
          path, "not written: the connection to ZooKeeper is read-only (the member has no quorum)");
    }
  }

  private void checkStarted() {
    if (state.get() != State.STARTED) {
      throw new IllegalStateException("registration " + path + " is closed");
    }
  }
}
