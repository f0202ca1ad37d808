package dev.baton.internal;

import java.util.concurrent.TimeUnit;

/**
 * What one answer of the ZooKeeper leader proves about a session: the earliest time ({@code base})
 * the leader may last have heard of it, from which the session lives at least one session timeout.
 *
 * <p>The leader expires a session once it has not heard of it for the session timeout {@code T}. It
 * hears of a follower's clients only when it pings that follower, every half tick, and a tick is at
 * most {@code T/2} (ZooKeeper grants no session shorter than two ticks): so when the leader answers
 * a request sent at {@code t}, it had heard of the session no earlier than {@code t - T/4 - g},
 * where {@code g} is the longest the client stayed silent before {@code t}: one ping period ({@code
 * T/8}) once the clock has pinged steadily for a quarter of {@code T}, else a third of {@code T}
 * (the ZooKeeper client's own idle ping). The session is therefore alive until at least {@code base
 * + T}; it counts as fresh until {@link SessionClock#MARGIN_PERCENT}% of {@code T} before that, for
 * clock rate differences: {@code t + 0.525 T} with steady pings, {@code t + 0.32 T} otherwise.
 *
 * @param sessionId the session that was answered
 * @param base the earliest time the leader may last have heard of it ({@link System#nanoTime()})
 * @param steady whether the clock had pinged steadily long enough for the shorter silence
 */
record LeaderProof(long sessionId, long base, boolean steady) {
  static final long NEVER = Long.MIN_VALUE / 4;
  static final LeaderProof NONE = new LeaderProof(0, NEVER, false);
  private static final int PINGS_PER_TIMEOUT = 8;

  /** The proof of an answer to a request sent at {@code sent}, pings steady since {@code since}. */
  static LeaderProof of(long sessionId, long sent, long timeout, long since) {
    boolean steady = since != NEVER && sent - since >= timeout / 4;
    return new LeaderProof(
        sessionId, sent - timeout / 4 - (steady ? period(timeout) : timeout / 3), steady);
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

  /** How long after a steadily pinged request the session counts as fresh. */
  static long validity(long timeout) {
    return timeout - timeout / 100 * SessionClock.MARGIN_PERCENT - timeout / 4 - period(timeout);
  }
}
