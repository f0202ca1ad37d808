package dev.baton.lock;

/**
 * A read/write lock: any number of readers together, or one writer alone. Made by {@code
 * coord.readWriteLock(name)}.
 *
 * <p>Readers and writers share one queue, in arrival order: a reader holds when no writer is ahead
 * of it, a writer when it is first. So a waiting writer is not starved by a stream of readers
 * arriving after it. Neither side is re-entrant.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface ReadWriteLock extends AutoCloseable {
  /**
   * The read side: its leases are shared with other readers. Read leases overlap, so their
   * {@linkplain LockLease#fencingToken() tokens} identify a holding but do not order holdings: a
   * store must not refuse a reader's token for being lower than another reader's.
   *
   * @return the read lock
   */
  DistributedLock readLock();

  /**
   * The write side: its leases are exclusive.
   *
   * @return the write lock
   */
  DistributedLock writeLock();

  /**
   * The lock's name, as given to the coordinator.
   *
   * @return the name
   */
  String name();

  /** Releases every lease of both sides and stops listening. Idempotent. */
  @Override
  void close();
}
