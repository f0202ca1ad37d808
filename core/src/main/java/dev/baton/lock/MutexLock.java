package dev.baton.lock;

import dev.baton.LeaseLostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** The mutex: exclusive leases, re-entrant for the thread that holds one. */
final class MutexLock extends PolicyLock {
  private final ConcurrentMap<Thread, LeaseImpl> owners = new ConcurrentHashMap<>();

  MutexLock(QueueLock queue, String name) {
    super(queue, QueuePolicy.exclusive("lease-"), name);
  }

  @Override
  public LockLease acquire(Duration timeout) throws InterruptedException {
    long nanos = nanos(timeout);
    LeaseImpl held = reentered();
    if (held != null) {
      return held;
    }
    LeaseImpl lease = queue.acquire(policy, nanos, true);
    if (lease == null) {
      throw timedOut(queue, timeout);
    }
    return own(lease);
  }

  @Override
  public Optional<LockLease> tryAcquire() {
    LeaseImpl held = reentered();
    if (held != null) {
      return Optional.of(held);
    }
    try {
      LeaseImpl lease = queue.acquire(policy, 0, false);
      return Optional.ofNullable(lease == null ? null : own(lease));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<LockLease> tryAcquire(Duration timeout) throws InterruptedException {
    long nanos = nanos(timeout);
    LeaseImpl held = reentered();
    if (held != null) {
      return Optional.of(held);
    }
    LeaseImpl lease = queue.acquire(policy, nanos, true);
    return Optional.ofNullable(lease == null ? null : own(lease));
  }

  private @Nullable LeaseImpl reentered() {
    queue.checkOpen();
    LeaseImpl held = owners.get(Thread.currentThread());
    if (held == null) {
      return null;
    }
    // Released by another thread but not yet forgotten here: not held, acquire afresh.
    if (!held.isValid() && held.isLost()) {
      throw new LeaseLostException(
          held.path(),
          "this thread still holds a lost lease of "
              + queue.description()
              + " (token "
              + held.fencingToken()
              + "): close it before acquiring again");
    }
    return held.reenter() ? held : null;
  }

  private LeaseImpl own(LeaseImpl lease) {
    Thread thread = Thread.currentThread();
    owners.put(thread, lease);
    lease.onRelease(() -> owners.remove(thread, lease));
    return lease;
  }
}
