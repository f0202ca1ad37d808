package dev.baton.bench;

import dev.baton.Coordinator;

/**
 * A participant in a leader election as the leadership benchmark drives it. A new implementation
 * (Baton's {@code LeaderElection}) is one adapter class plus one line in {@link Candidates}.
 */
public interface Candidate extends AutoCloseable {

  /**
   * Gives up leadership so the next candidate is elected: {@code LeaderLatch.close()}, Baton's
   * {@code relinquish()}.
   *
   * @throws Exception if ZooKeeper fails
   */
  void resign() throws Exception;

  /**
   * Whether {@link #resign()} leaves this candidate in the election, queued behind the new leader
   * (Baton's {@code relinquish()}), rather than out of it ({@code LeaderLatch.close()}).
   *
   * @return true if a resigned candidate need not join again
   */
  default boolean staysAfterResign() {
    return false;
  }

  /**
   * How many candidates the election holds (leader included).
   *
   * @return the count
   * @throws Exception if ZooKeeper fails
   */
  int participants() throws Exception;

  /** Leaves the election for good. Idempotent, also after {@link #resign()}. */
  @Override
  void close();

  /** Makes candidates of one implementation. */
  @FunctionalInterface
  interface Factory {
    /**
     * Joins election {@code name} in {@code session}.
     *
     * @param session the candidate's session
     * @param name the election's name, the same for all candidates
     * @param onElected run, on the implementation's thread, each time this candidate is elected
     * @return the started candidate
     * @throws Exception if it cannot join
     */
    Candidate join(Coordinator session, String name, Runnable onElected) throws Exception;
  }
}
