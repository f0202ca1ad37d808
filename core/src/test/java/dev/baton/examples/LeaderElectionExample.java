package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.election.Participant;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The examples in {@code LeaderElection}'s, {@code LeaderChange}'s and {@code
 * Coordinator.leaderElection}'s javadoc.
 */
final class LeaderElectionExample {
  static final AtomicLong compactingWithEpoch = new AtomicLong();

  /** What a dashboard shows: one line per leader change. */
  static final class Dashboard {
    final List<String> lines = new CopyOnWriteArrayList<>();

    void show(String leader, OptionalLong epoch) {
      lines.add(leader + (epoch.isPresent() ? " @" + epoch.getAsLong() : ""));
    }
  }

  static void startCompacting(long epoch) {
    compactingWithEpoch.set(epoch);
  }

  static void stopCompacting() {
    compactingWithEpoch.set(0);
  }

  static long run(Coordinator coord) throws InterruptedException {
    LeaderElection election =
        coord
            .leaderElection("compactor")
            .participantId("worker-1")
            .onElected(leadership -> startCompacting(leadership.epoch()))
            .onRevoked((leadership, reason) -> stopCompacting())
            .start();
    Leadership leadership =
        election
            .awaitLeadership(Duration.ofSeconds(30))
            .orElseThrow(() -> new IllegalStateException("not elected"));
    long epoch = leadership.epoch();
    election.close(); // leaves the election; a follower takes over
    return epoch;
  }

  /** An observer that shows every change of leader, without polling. */
  static LeaderElection observe(Coordinator coord, Dashboard dashboard)
      throws InterruptedException {
    LeaderElection observer =
        coord
            .leaderElection("compactor")
            .onLeaderChanged(
                change ->
                    dashboard.show(
                        change.leader().map(Participant::id).orElse("(none)"), change.epoch()))
            .observe();
    observer.awaitJoined(Duration.ofSeconds(30)); // read once: the first change is on its way
    return observer;
  }

  private LeaderElectionExample() {}
}
