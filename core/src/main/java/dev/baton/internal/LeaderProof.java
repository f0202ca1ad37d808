package dev.baton.internal;

import java.util.concurrent.TimeUnit;

/**
 * What one answer of the ZooKeeper leader proves about a session: the earliest time ({@code base})
 * the leader may last have heard of it, from which the session lives at least one session timeout.
 *
 * <p>The leader expires a session once it has not heard of it for the session timeout {@code T}. It
 * hears of a follower's clients only when it pings that follower, every half tick, and a tick is at
 * most {@code T/2} (ZooKeeper grants no session shorter than two ticks). When the leader answers a
 * request sent at {@code t}, its link to the follower was up, so it pinged that follower at {@code
 * t - T/4} or later and heard of every request the client had sent by then: the base is the last
 * request the clock saw the session send no later than {@code t - T/4} (measured, so a process
 * paused between two pings gets the shorter proof it deserves). When the clock knows of no such
 * request (it has only just started pinging, or the connection was down), it assumes the ZooKeeper
 * client's own idle ping, at most a third of {@code T} apart: {@code t - T/4 - T/3}. The session is
 * therefore alive until at least {@code base + T}; it counts as fresh until {@link
 * SessionClock#MARGIN_PERCENT}% of {@code T} before that, for clock rate differences: about {@code
 * t + 0.525 T} with pings every {@code T/8}, {@code t + 0.32 T} without a known earlier request.
 *
 * @param sessionId the session that was answered
 * @param base the earliest time the leader may last have heard of it ({@link System#nanoTime()})
 * @param steady whether the base is a ping the clock saw sent, not an assumed request
 */
record LeaderProof(long sessionId, long base, boolean steady) {
  static final long NEVER = Long.MIN_VALUE / 4;
  static final LeaderProof NONE = new LeaderProof(0, NEVER, false);
  private static final int PINGS_PER_TIMEOUT = 8;

  /**
   * The proof of an answer to a request sent at {@code sent}; {@code before} is the last ping the
   * session was seen to send no later than {@link #reportedBy}, or {@link #NEVER}.
   */
  static LeaderProof of(long sessionId, long sent, long timeout, long before) {
    if (before == NEVER) {
      return new LeaderProof(sessionId, sent - timeout / 4 - timeout / 3, false);
    }
    return new LeaderProof(sessionId, before, true);
  }

  /**
   * The last time that {@code of} counts a request as heard by the leader when sent at {@code t}.
   */
  static long reportedBy(long sent, long timeout) {
    return sent - timeout / 4;
  }

  /** The better of two proofs: the later one of the same session, or one of a new session. */
  LeaderProof or(LeaderProof next) {
    return sessionId != next.sessionId || next.base - base > 0 ? next : this;
  }

  /** Whether this proof still shows session {@code session} alive at {@code now}. */
  boolean covers(long session, long now, long timeout) {
    return timeout > 0
        && sessionId == session
        && now - base < timeout - timeout / 100 * SessionClock.MARGIN_PERCENT;
  }

  /** How often the clock pings while held. */
  static long period(long timeout) {
    return Math.max(timeout / PINGS_PER_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(20));
  }

  /** When this proof stops showing a session alive. */
  long until(long timeout) {
    return base + timeout - timeout / 100 * SessionClock.MARGIN_PERCENT;
  }

  /** How long after a steadily pinged request the session counts as fresh. */
  static long validity(long timeout) {
    return timeout - timeout / 100 * SessionClock.MARGIN_PERCENT - timeout / 4 - period(timeout);
  }
}
