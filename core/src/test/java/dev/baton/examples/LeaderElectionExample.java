package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The example in {@code LeaderElection}'s and {@code Coordinator.leaderElection}'s javadoc. */
final class LeaderElectionExample {
  static final AtomicLong compactingWithEpoch = new AtomicLong();

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

  private LeaderElectionExample() {}
}
