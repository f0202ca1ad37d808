package dev.baton.bench;

import dev.baton.Coordinator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Two candidates of one implementation in an election of their own, each in its own session,
 * handing leadership back and forth: what both the JMH leader hand-off benchmark and the paired
 * loop drive. One hand-off is {@link #resignAndAwaitNext()} (the timed part) followed by {@link
 * #swapRoles()} (untimed).
 *
 * <p>Not thread-safe: one benchmark thread drives it.
 */
final class CandidatePair implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Candidate.Factory factory;
  private final String election;
  private final Progress progress = new Progress();
  private final AtomicLong elections = new AtomicLong();
  private Coordinator leaderSession;
  private Coordinator followerSession;
  private Candidate leader;
  private Candidate follower;

  /**
   * Elects a first leader in {@code leaderSession} and queues a follower in {@code followerSession}
   * behind it.
   *
   * @throws Exception if the election does not settle within 30 s
   */
  CandidatePair(
      String impl, String election, Coordinator leaderSession, Coordinator followerSession)
      throws Exception {
    this.factory = Candidates.named(impl);
    this.election = election;
    this.leaderSession = leaderSession;
    this.followerSession = followerSession;
    this.leader = join(leaderSession);
    progress.await(1, TIMEOUT);
    this.follower = join(followerSession);
    settle();
  }

  private Candidate join(Coordinator session) throws Exception {
    return factory.join(session, election, () -> progress.saw(elections.incrementAndGet()));
  }

  private void settle() throws Exception {
    Progress.poll(() -> leader.participants() == 2, TIMEOUT, "two candidates in " + election);
  }

  /**
   * The leader resigns; returns once the follower is told it leads.
   *
   * @return the number of elections so far
   * @throws Exception if no one is elected within 30 s
   */
  long resignAndAwaitNext() throws Exception {
    long next = elections.get() + 1;
    leader.resign();
    progress.await(next, TIMEOUT);
    return next;
  }

  /**
   * Swaps roles after a hand-off: the new leader leads, and the resigned side joins again as the
   * follower, unless it stayed in the election (Baton's {@code relinquish()}); then waits until
   * both are queued again.
   *
   * @throws Exception if the follower does not queue within 30 s
   */
  void swapRoles() throws Exception {
    Candidate resigned = leader;
    Coordinator resignedSession = leaderSession;
    leaderSession = followerSession;
    leader = follower;
    followerSession = resignedSession;
    if (resigned.staysAfterResign()) {
      follower = resigned;
    } else {
      resigned.close();
      follower = join(followerSession);
    }
    settle();
  }

  /** Leaves the election with both candidates (their sessions belong to the caller). */
  @Override
  public void close() {
    follower.close();
    leader.close();
  }
}
