package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.election.LeaderElection;
import dev.baton.lock.LockLease;
import dev.baton.registry.ServiceInstance;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Closing a coordinator right after its recipes finished (or while they are still busy) is what
 * every short-lived user does. It must end quietly: every background operation a recipe started is
 * finished or cancelled before the client closes, so Curator never logs "Client is not started" or
 * "Could not start guaranteed delete" at ERROR. {@link ErrorLog} fails a test on any ERROR line.
 */
class CloseWithoutErrorsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension ErrorLog errors = new ErrorLog();

  private static final int ROUNDS = 50;

  @Test
  void fiftyRoundsOfStartRelinquishAndCloseLogNoError() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Coordinator coord = TestCoordinators.connect(zk, "test/close-quietly");
      LeaderElection election =
          coord.leaderElection("relinquish").participantId("p" + round).start();
      assertTrue(
          election.awaitLeadership(TestCoordinators.WAIT).isPresent(), "elected, round " + round);
      assertTrue(election.relinquish(), "relinquished, round " + round);
      coord.close(); // the relinquished participant queues again meanwhile
    }
    assertEquals(List.of(), errors.errors());
  }

  @Test
  void fiftyRoundsOfElectionCloseThenCoordinatorCloseLogNoError() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Coordinator coord = TestCoordinators.connect(zk, "test/close-quietly");
      LeaderElection election = coord.leaderElection("close").participantId("p" + round).start();
      if (round % 2 == 0) {
        assertTrue(election.awaitLeadership(TestCoordinators.WAIT).isPresent(), "round " + round);
      } // odd rounds close while the participant may still be joining
      election.close();
      coord.close();
    }
    assertEquals(List.of(), errors.errors());
  }

  @Test
  void fiftyRoundsOfLeasesAndRegistrationsClosedWithTheirCoordinatorLogNoError() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Coordinator coord = TestCoordinators.connect(zk, "test/close-quietly");
      LockLease released = coord.lock("released").acquire(TestCoordinators.WAIT);
      released.close();
      coord.lock("held").acquire(TestCoordinators.WAIT); // released by the coordinator's close
      coord
          .registry()
          .register(ServiceInstance.builder("svc").id("i" + round).host("h").port(1).build());
      coord.close();
    }
    assertEquals(List.of(), errors.errors());
  }

  @Test
  void theCheckSeesAnErrorLoggedOnAnyThread() throws Exception {
    Thread t =
        new Thread(
            () -> LoggerFactory.getLogger("probe").error("probe", new IllegalStateException("x")),
            "baton-test-probe");
    t.start();
    t.join(Duration.ofSeconds(20).toMillis());

    List<String> seen = errors.drain();

    assertEquals(1, seen.size(), seen.toString());
    assertTrue(seen.get(0).contains("[baton-test-probe] ERROR probe - probe"), seen.get(0));
    assertTrue(seen.get(0).contains("IllegalStateException: x"), seen.get(0));
  }
}
