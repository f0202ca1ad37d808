package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A holding is valid only for the session that created it, decided by the holding itself: not by
 * connection events, which all arrive on Curator's single connection-state thread, where one slow
 * listener holds up every other.
 */
class SessionBoundValidityTest {
  private static final Duration WAIT = TestCoordinators.WAIT;

  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void aLeaseOfAnEndedSessionIsInvalidAtOnceWhileAListenerHoldsUpConnectionEvents()
      throws Exception {
    NetworkPartition partition = zk.partition();
    Coordinator holder =
        TestCoordinators.connectVia(zk, partition.connectString(), "test/session-bound");
    Coordinator other = TestCoordinators.connect(zk, "test/session-bound");
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean blocking = new AtomicBoolean();
    // Added before any lock, so it runs first on the connection-state thread, and stalls it.
    holder.addConnectionListener(
        event -> {
          if (event.state() == ConnectionState.SUSPENDED && blocking.compareAndSet(false, true)) {
            awaitUninterruptibly(release);
          }
        });
    LockLease blocked = holder.lock("blocked").acquire(WAIT);
    long oldSession = session(holder);
    try {
      partition.isolate();
      Await.until(WAIT, blocking::get, "the first listener blocks on SUSPENDED");
      // Acquires once the server has expired the holder's session, longer than its timeout.
      LockLease taken = other.lock("blocked").acquire(WAIT);
      partition.heal();
      Await.until(
          WAIT,
          () ->
              session(holder) != oldSession && holder.curator().getZookeeperClient().isConnected(),
          "the holder back in a new session");
      // The holder's client works in its new session (and hears from the server)...
      holder.lock("fresh").acquire(WAIT).close();

      // ... but the lease of the old one is gone, and says so before anyone tells it.
      assertEquals(1, release.getCount(), "connection events are still held up");
      assertFalse(blocked.isValid(), "a lease of an expired session still believed valid");
      assertTrue(taken.isValid());
    } finally {
      release.countDown();
    }
  }

  private static long session(Coordinator coord) {
    try {
      ZooKeeper zk = coord.curator().getZookeeperClient().getZooKeeper();
      return zk.getSessionId();
    } catch (Exception e) {
      return 0;
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
