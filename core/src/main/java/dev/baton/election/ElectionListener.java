package dev.baton.election;

/**
 * Hears a participant's leaderships begin and end, and who leads the election. For one participant,
 * every {@code onElected} is followed by exactly one {@code onRevoked} for the same leadership
 * before the next {@code onElected}. {@code onLeaderChanged} is heard by participants and
 * {@linkplain LeaderElection.Builder#observe() observers} alike.
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

  /**
   * The election's leader changed: a new participant leads, or nobody takes part any more. Changes
   * come in the order ZooKeeper made them, epochs strictly increasing, each leader announced once;
   * the first call (soon after start) tells who leads then. A leader that came and went between two
   * reads of the election may be skipped, but the last call always names the current leader. During
   * a disconnection nothing is heard; the election is read again on reconnection.
   *
   * <p>This is what ZooKeeper says, not this participant's own state: a participant hears its own
   * election here independently of {@code onElected}, in no fixed order relative to it.
   *
   * @param change the new leader and its epoch, or "no leader"
   */
  default void onLeaderChanged(LeaderChange change) {}
}
