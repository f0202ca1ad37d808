package dev.baton.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock whose leases follow one {@link QueuePolicy}: a semaphore, or a side of a read/write lock.
 */
class PolicyLock implements DistributedLock {
  final QueueLock queue;
  final QueuePolicy policy;
  private final String name;

  PolicyLock(QueueLock queue, QueuePolicy policy, String name) {
    this.queue = queue;
    this.policy = policy;
    this.name = name;
  }

  @Override
  public LockLease acquire(Duration timeout) throws InterruptedException {
    LockLease lease = queue.acquire(policy, nanos(timeout), true);
    if (lease == null) {
      throw timedOut(queue, timeout);
    }
    return lease;
  }

  @Override
  public Optional<LockLease> tryAcquire() {
    try {
      return Optional.ofNullable(queue.acquire(policy, 0, false));
    } catch (InterruptedException e) {
      // Not waiting, so only a Curator retry can be interrupted: keep the flag, report not held.
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  @Override
  public Optional<LockLease> tryAcquire(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(queue.acquire(policy, nanos(timeout), true));
  }

  @Override
  public LockQueue queue() {
    return QueueInspection.read(queue.client(), queue.dir(), policy);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    queue.close();
  }

  @Override
  public String toString() {
    return queue.description();
  }

  static long nanos(Duration timeout) {
    return dev.baton.internal.Names.timeoutNanos("timeout", timeout);
  }

  static LockTimeoutException timedOut(QueueLock queue, Duration timeout) {
    return new LockTimeoutException(
        queue.dir(), "could not acquire " + queue.description() + " within " + timeout);
  }
}
