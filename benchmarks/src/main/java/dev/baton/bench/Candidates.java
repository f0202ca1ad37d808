package dev.baton.bench;

import dev.baton.Coordinator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;

/** The election implementations by name: the names are the {@code impl} parameter's values. */
final class Candidates {
  /** Curator's {@code LeaderLatch}. */
  static final String CURATOR = "curator";

  // ---- Baton variant: "baton" (coord.leaderElection(name), relinquish() -> onElected) goes
  // here once dev.baton.election is merged, and into LeaderHandoffBenchmark's @Param list. ----

  private Candidates() {}

  /** {@return the factory of {@code impl}} */
  static Candidate.Factory named(String impl) {
    switch (impl) {
      case CURATOR:
        return CuratorCandidate::new;
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
}
