package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.election.LeaderElection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;

/** The election implementations by name: the names are the {@code impl} parameter's values. */
final class Candidates {
  /** Curator's {@code LeaderLatch}. */
  static final String CURATOR = "curator";

  /**
   * Baton's {@code LeaderElection}: resigning is {@code relinquish()}, which queues the old leader
   * again at the back, so the candidate stays in the election.
   */
  static final String BATON = "baton";

  private Candidates() {}

  /** {@return the factory of {@code impl}} */
  static Candidate.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorCandidate::new;
      case BATON:
        return BatonCandidate::new;
      default:
        throw new IllegalArgumentException("unknown election implementation '" + impl + "'");
    }
  }

  private static final class CuratorCandidate implements Candidate {
    private final LeaderLatch latch;
    private final AtomicBoolean closed = new AtomicBoolean();

    CuratorCandidate(Coordinator session, String name, Runnable onElected) throws Exception {
      this.latch = new LeaderLatch(session.curator(), "/leader/" + name);
      latch.addListener(
          new LeaderLatchListener() {
            @Override
            public void isLeader() {
              onElected.run();
            }

            @Override
            public void notLeader() {}
          });
      latch.start();
    }

    @Override
    public void resign() {
      close();
    }

    @Override
    public int participants() throws Exception {
      return latch.getParticipants().size();
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        try {
          latch.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static final class BatonCandidate implements Candidate {
    private final LeaderElection election;

    BatonCandidate(Coordinator session, String name, Runnable onElected) {
      this.election = session.leaderElection(name).onElected(l -> onElected.run()).start();
    }

    @Override
    public void resign() {
      if (!election.relinquish()) {
        throw new IllegalStateException("asked to resign while not leading");
      }
    }

    @Override
    public boolean staysAfterResign() {
      return true;
    }

    @Override
    public int participants() {
      return election.participants().size();
    }

    @Override
    public void close() {
      election.close();
    }
  }
}
