package dev.baton.election;

/**
 * Why a leadership ended, as told to {@link ElectionListener#onRevoked(Leadership, Reason)}.
 *
 * @since 0.1
 */
public enum Reason {
  /**
   * The connection to ZooKeeper was suspended and the election is {@linkplain
   * SuspendPolicy#FAIL_SAFE fail-safe}: the session may be expiring, so this participant stops
   * leading before anyone else can be elected. If the connection comes back in time with the same
   * session, the participant may be elected again (same node, same epoch).
   */
  SUSPENDED,
  /**
   * The client had not heard from ZooKeeper for about the session timeout (a long pause, a stalled
   * network) although the connection looked up: the session may have expired unnoticed. If it did
   * not, and the node is still first, the participant is elected again with the same epoch.
   */
  NO_CONTACT,
  /** The session expired (or Curator gave it up): the leader's node is gone. */
  SESSION_LOST,
  /** The participant {@linkplain LeaderElection#relinquish() relinquished} leadership. */
  RELINQUISHED,
  /** The leader's node was deleted by someone else (an operator, a cleanup tool). */
  NODE_DELETED,
  /** The election (or its coordinator) was closed. */
  CLOSED
}
