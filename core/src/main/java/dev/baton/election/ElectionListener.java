package dev.baton.election;

/**
 * Hears a participant's leaderships begin and end. For one participant, every {@code onElected} is
 * followed by exactly one {@code onRevoked} for the same leadership before the next {@code
 * onElected}.
 *
 * <p>Called on the election's thread or on Curator's connection-state thread (a fail-safe
 * revocation must not wait for anything): keep callbacks short and hand long work to your own
 * thread. An exception thrown here is logged and reaches no other listener.
 *
 * @since 0.1
 */
public interface ElectionListener {
  /**
   * This participant now leads.
   *
   * @param leadership the leadership, with its epoch
   */
  default void onElected(Leadership leadership) {}

  /**
   * This participant's leadership ended; stop acting as the leader.
   *
   * @param leadership the leadership that ended
   * @param reason why it ended
   */
  default void onRevoked(Leadership leadership, Reason reason) {}
}
