package dev.baton.internal;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * When the session clock's pings actually went out on one session, since it last started pinging on
 * a connected session. The leader hears of a follower's client only through that follower's answers
 * to its pings, so what an answer proves depends on when the client last sent something
 * <em>before</em> the leader's last ping, not on how steadily the clock meant to ping: a process
 * that stopped (a GC pause, SIGSTOP) between two pings sent nothing, and this log shows the gap.
 *
 * <p>Thread-safe.
 */
final class SendLog {
  private static final int KEPT = 32;

  private long session; // guarded by this
  private final ArrayDeque<Long> sends = new ArrayDeque<>(); // guarded by this, ascending

  /** Records that {@code session} sent a ping at {@code at}; a new session starts a new log. */
  synchronized void sent(long session, long at) {
    if (this.session != session) {
      this.session = session;
      sends.clear();
    }
    sends.addLast(at);
    if (sends.size() > KEPT) {
      sends.pollFirst();
    }
  }

  /** Forgets every send: the clock stopped pinging, or the connection went down. */
  synchronized void clear() {
    sends.clear();
  }

  /**
   * The latest ping {@code session} sent no later than {@code atOrBefore}.
   *
   * @return its send time, or {@link LeaderProof#NEVER} if none is known
   */
  synchronized long latest(long session, long atOrBefore) {
    if (this.session != session) {
      return LeaderProof.NEVER;
    }
    for (Iterator<Long> it = sends.descendingIterator(); it.hasNext(); ) {
      long at = it.next();
      if (atOrBefore - at >= 0) {
        return at;
      }
    }
    return LeaderProof.NEVER;
  }
}
