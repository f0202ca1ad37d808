package dev.baton.lock;

/**
 * A counting semaphore: at most {@link #permits()} leases are held at once across all processes.
 * Made by {@code coord.semaphore(name, permits)}; every process must use the same number of permits
 * for one name (it is not stored in ZooKeeper).
 *
 * <p>Waiters watch the queue itself, since any of the current holders may leave first: a release
 * wakes every waiter of the semaphore, which suits the small numbers of waiters semaphores are used
 * with. Not re-entrant: each acquisition takes one more permit.
 *
 * <p>Permits are held together, so their {@linkplain LockLease#fencingToken() tokens} do not order
 * holdings: a holder that acquired before another is still legitimate after the other wrote, and a
 * store that refuses tokens below the highest it saw would reject it. Fence shared holdings with
 * {@link LockLease#guardedTransaction(java.util.List) guarded transactions} instead.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface Semaphore extends DistributedLock {
  /**
   * The number of leases that may be held at once.
   *
   * @return the permits, at least 1
   */
  int permits();
}
