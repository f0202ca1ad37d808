package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
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
    assertEquals(List.of("part-0000.parquet"), LockExample.run(connect()).committed);
  }

  @Test
  void leaderElectionExample() throws Exception {
    long epoch = LeaderElectionExample.run(connect());
    assertTrue(epoch > 0);
    // onRevoked(CLOSED) is delivered on the election's event thread just after close() returns.
    dev.baton.testing.Await.until(
        Duration.ofSeconds(20),
        () -> LeaderElectionExample.compactingWithEpoch.get() == 0,
        "the example's worker stopped after close");
  }
}
