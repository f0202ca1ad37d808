package dev.baton.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.election.LeaderElection;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the lock and election javadoc examples against a real server. */
class LeadersAndLocksExamplesTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private Coordinator connect() throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .sessionTimeout(zk.sessionTimeout())
                    .build());
    assertTrue(coord.awaitConnected(Duration.ofSeconds(20)));
    return coord;
  }

  @Test
  void lockExample() throws Exception {
    LockExample.FencedStore store = LockExample.run(connect());
    assertEquals(List.of("part-0000.parquet"), store.committed);
    assertEquals(List.of(), store.aborted, "a released lease is not lost");
    Coordinator coord = connect();
    coord.curator().create().creatingParentsIfNeeded().forPath("/commits/latest");
    assertEquals(2, LockExample.guardedCommit(coord, new byte[] {1}).size());
    assertEquals(
        "part-0000", new String(coord.curator().getData().forPath("/commits/latest"), UTF_8));
  }

  @Test
  void leaderElectionExample() throws Exception {
    LeaderElectionExample.Dashboard dashboard = new LeaderElectionExample.Dashboard();
    LeaderElection observer = LeaderElectionExample.observe(connect(), dashboard);
    long epoch = LeaderElectionExample.run(connect());
    dev.baton.testing.Await.until(
        Duration.ofSeconds(20),
        () -> dashboard.lines.equals(List.of("(none)", "worker-1 @" + epoch, "(none)")),
        "the dashboard showed the worker lead, then nobody: " + dashboard.lines);
    observer.close();
    assertTrue(epoch > 0);
    // onRevoked(CLOSED) is delivered on the election's event thread just after close() returns.
    dev.baton.testing.Await.until(
        Duration.ofSeconds(20),
        () -> LeaderElectionExample.compactingWithEpoch.get() == 0,
        "the example's worker stopped after close");
  }
}
