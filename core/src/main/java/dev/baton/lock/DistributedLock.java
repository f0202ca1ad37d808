package dev.baton.lock;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock shared by every process that names it: a mutex ({@code coord.lock(name)}), one side of a
 * read/write lock, or a semaphore. Each successful acquisition hands out a {@link LockLease};
 * closing the lease releases it.
 *
 * <pre>{@code
 * DistributedLock lock = coord.lock("hdfs-commit");
 * try (LockLease lease = lock.acquire(Duration.ofSeconds(30))) {
 *   commit(lease.fencingToken());
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LockExample} in the test
 * sources.
 *
 * <p>An uncontended acquisition costs two round trips (create the node, list the queue) and a
 * release one (delete it). Waiting is interruptible and wakes on the departure of the one node it
 * waits for, not on every change. The mutex is re-entrant: a thread that holds a valid lease and
 * acquires again gets the same lease back, and releases it with as many closes.
 *
 * <p>The lock object lives until it or its coordinator is closed; closing it releases its leases.
 * Thread-safe.
 *
 * @since 0.1
 */
public interface DistributedLock extends AutoCloseable {
  /**
   * Acquires, waiting at most {@code timeout}.
   *
   * @param timeout how long to wait at most
   * @return the lease
   * @throws LockTimeoutException if not acquired in time
   * @throws InterruptedException if interrupted while waiting (nothing is left held)
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if the lock or its coordinator is closed
   * @throws dev.baton.LeaseLostException if this thread still holds a lost lease of this mutex
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be reached
   */
  LockLease acquire(Duration timeout) throws InterruptedException;

  /**
   * Acquires if that is possible at once (after one look at the queue), without waiting.
   *
   * @return the lease, or empty if the lock is held elsewhere
   * @throws IllegalStateException if the lock or its coordinator is closed
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be reached
   */
  Optional<LockLease> tryAcquire();

  /**
   * Acquires, waiting at most {@code timeout}.
   *
   * @param timeout how long to wait at most
   * @return the lease, or empty if not acquired in time
   * @throws InterruptedException if interrupted while waiting (nothing is left held)
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if the lock or its coordinator is closed
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be reached
   */
  Optional<LockLease> tryAcquire(Duration timeout) throws InterruptedException;

  /**
   * Reads the lock's queue once, without joining it: who holds (with the fencing token of each
   * holder's lease) and who waits, in order. For operators' tools such as {@code baton locks show};
   * see {@link LockQueue}.
   *
   * @return the queue; empty if nobody holds or waits
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be read
   * @since 0.1
   */
  LockQueue queue();

  /**
   * The lock's name, as given to the coordinator.
   *
   * @return the name
   */
  String name();

  /**
   * Releases every lease of this lock object and stops listening. Idempotent. Bounded like {@link
   * LockLease#close()}: the deletes run in the background and close waits for them together, at
   * most one second.
   */
  @Override
  void close();
}
