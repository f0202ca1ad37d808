package dev.baton.bench;

import dev.baton.Coordinator;

/**
 * A distributed mutex as the lock benchmarks drive it. A new implementation (Baton's mutex) is one
 * adapter class plus one line in {@link Mutexes}.
 *
 * <p>Like {@code InterProcessMutex}, an instance is used by one thread at a time.
 */
public interface BenchMutex {

  /**
   * Blocks until this mutex is held.
   *
   * @throws Exception if it is not acquired within 30 s or ZooKeeper fails
   */
  void acquire() throws Exception;

  /**
   * Releases the mutex held by the calling thread.
   *
   * @throws Exception if ZooKeeper fails
   */
  void release() throws Exception;

  /**
   * How many contenders hold or wait for this lock (its queue length in ZooKeeper).
   *
   * @return the count
   * @throws Exception if ZooKeeper fails
   */
  int participants() throws Exception;

  /** Makes mutexes of one implementation. */
  @FunctionalInterface
  interface Factory {
    /**
     * A mutex on lock {@code name} in {@code session}.
     *
     * @param session the contender's session
     * @param name the lock's name, the same for all contenders
     * @return a new mutex, not yet acquired
     * @throws Exception if it cannot be made
     */
    BenchMutex create(Coordinator session, String name) throws Exception;
  }
}
