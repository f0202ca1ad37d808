package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.election.LeaderElection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** Bad input never reaches ZooKeeper: it is refused with a message naming the value and rule. */
class BadInputTest {
  @RegisterExtension
  static dev.baton.testing.ZooKeeperExtension zk =
      dev.baton.testing.ZooKeeperExtension.standalone();

  private static void refused(String expectedInMessage, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(
        e.getMessage().contains(expectedInMessage),
        "message '" + e.getMessage() + "' names '" + expectedInMessage + "'");
  }

  @Test
  void invalidNamesAreRefused() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    refused("lock name", () -> coord.lock(""));
    refused("a/b", () -> coord.lock("a/b"));
    refused(".hidden", () -> coord.lock(".hidden"));
    refused("lock name", () -> coord.lock(null));
    refused("read/write lock name", () -> coord.readWriteLock("bad name"));
    refused("semaphore name", () -> coord.semaphore("x*y", 1));
    refused("election name", () -> coord.leaderElection("a/b"));
    refused("participant id", () -> coord.leaderElection("ok").participantId(" "));
  }

  @Test
  void zeroOrNegativePermitsAreRefused() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    refused("at least 1 permit, was 0", () -> coord.semaphore("pool", 0));
    refused("at least 1 permit, was -3", () -> coord.semaphore("pool", -3));
    coord.semaphore("pool", 2);
    refused("already open with 2 permits", () -> coord.semaphore("pool", 3));
  }

  @Test
  void negativeTimeoutsAreRefused() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    Duration negative = Duration.ofMillis(-1);
    refused("timeout", () -> coord.lock("t").acquire(negative));
    refused("timeout", () -> coord.lock("t").tryAcquire(negative));
    refused("timeout", () -> coord.semaphore("t", 1).acquire(negative));
    refused("timeout", () -> coord.readWriteLock("t").readLock().acquire(negative));
    LeaderElection election = coord.leaderElection("t").start();
    refused("timeout", () -> election.awaitLeadership(negative));
    assertTrue(coord.curator().checkExists().forPath("/locks/t") == null, "nothing created");
  }
}
