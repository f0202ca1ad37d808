package dev.baton.election;

/**
 * Hears a participant's leaderships begin and end. For one participant, every {@code onElected} is
 * followed by exactly one {@code onRevoked} for the same leadership before the next {@code
 * onElected}.
 *
 * <p>Called one at a time on the election's own events thread (or handed from it to the executor
 * given with the listener), never while Baton holds a lock: a slow callback delays only the later
 * notifications of the same election. A revocation takes effect at once ({@link
 * Leadership#isValid()} turns false, other participants may be elected) even while an earlier
 * callback still runs; its {@code onRevoked} follows when that callback returns. So keep callbacks
 * short, hand long work to your own thread, and check {@code isValid()} in it. An exception thrown
 * here is logged and reaches no other listener.
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
