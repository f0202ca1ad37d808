package dev.baton.election;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.EnsembleOptions;
import dev.baton.testing.QuorumLinks;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.curator.retry.RetryForever;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The leader's client may talk only to the ensemble member that leads ZooKeeper, and that member is
 * cut off from the other two. With read-only mode and local sessions on, the cut member serves the
 * client again, read-only, in a new local session, from its frozen copy, in which the old leader's
 * node is still first. The majority meanwhile elects the other participant. The old leader must not
 * lead again on that frozen node.
 */
class ReadOnlyLeaderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration SESSION = Duration.ofSeconds(2);

  @RegisterExtension
  static ZooKeeperExtension zk =
      ZooKeeperExtension.ensemble(
          EnsembleOptions.builder()
              .tickTime(Duration.ofMillis(200))
              .syncLimit(5)
              .readOnlyMode(true)
              .localSessions(true)
              .build());

  /**
   * A coordinator whose client talks to {@code connectString} only: Curator's ensemble tracker, on
   * by default, would otherwise learn every member's address from the ensemble's configuration and
   * move the client to the majority.
   */
  private static Coordinator connect(String connectString) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(connectString)
                    .namespace("test/read-only")
                    .sessionTimeout(SESSION)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .retryPolicy(new RetryForever(50))
                    .canBeReadOnly(true)
                    .followEnsemble(false)
                    .build());
    assertTrue(coord.awaitConnected(WAIT), "connected to " + connectString);
    return coord;
  }

  @Test
  void aLeaderCutOffWithItsMemberIsNotElectedAgainOnTheReadOnlyMember() throws Exception {
    QuorumLinks links = zk.quorumLinks();
    int zkLeader = links.awaitLeader(WAIT);
    String majority =
        links.connectString((zkLeader + 1) % 3) + "," + links.connectString((zkLeader + 2) % 3);
    Coordinator ca = connect(links.connectString(zkLeader));
    Coordinator cb = connect(majority);
    List<String> events = new CopyOnWriteArrayList<>();
    LeaderElection a =
        ca.leaderElection("ro")
            .participantId("a")
            .listener(
                new ElectionListener() {
                  @Override
                  public void onElected(Leadership leadership) {
                    events.add("elected " + leadership.epoch() + " " + ca.connectionState());
                  }

                  @Override
                  public void onRevoked(Leadership leadership, Reason reason) {
                    events.add("revoked " + reason);
                  }
                })
            .start();
    a.awaitLeadership(WAIT).orElseThrow();
    LockLease aLease = ca.lock("ro-lock").acquire(WAIT);
    LeaderElection b = cb.leaderElection("ro").participantId("b").start();
    Await.until(WAIT, () -> a.participants().size() == 2, "b queued behind a");

    links.isolate(zkLeader);
    Await.until(
        WAIT,
        () -> ca.connectionState() == ConnectionState.READ_ONLY,
        "a's client served read-only by the cut member");
    b.awaitLeadership(WAIT).orElseThrow();

    // While a's client is read-only, a must not lead (the fault: it leads for the whole cut).
    boolean ledWhileReadOnly =
        observedWithin(
            Duration.ofSeconds(3),
            () -> a.isLeader() && ca.connectionState() == ConnectionState.READ_ONLY);
    assertFalse(ledWhileReadOnly, "a led again on the read-only member: " + events);
    assertTrue(b.isLeader());
    // A lease of a's fares no better: read-only counts as suspended, and its session is gone.
    LockLease bLease = cb.lock("ro-lock").acquire(WAIT);
    assertFalse(aLease.isValid(), "a's lease still valid while b holds");
    assertTrue(bLease.isValid());
  }

  /** Polls for {@code window}; true as soon as the condition holds. */
  private static boolean observedWithin(Duration window, BooleanSupplier condition) {
    long end = System.nanoTime() + window.toNanos();
    while (System.nanoTime() - end < 0) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(2_000_000);
    }
    return condition.getAsBoolean();
  }
}
