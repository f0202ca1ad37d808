package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Leases lost without a connection event, closed by other threads, and locks closed mid-wait. */
class LeaseLifecycleTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = TestCoordinators.WAIT;

  // The lease's own clock lapses only while the process is paused, which a test cannot do to
  // itself; isValid() then calls lose() with the connection up, exactly as here.
  @Test
  void leaseLostWhileConnectedFreesItsNodeWithoutAClose() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = a.lock("lapsed").acquire(WAIT);
    long session = a.sessionId();

    ((LeaseImpl) lease).lose("no answer from ZooKeeper (simulated lapse of the lease's clock)");

    assertFalse(lease.isValid());
    try (LockLease next = b.lock("lapsed").acquire(WAIT)) {
      assertTrue(next.fencingToken() > lease.fencingToken());
      assertEquals(session, a.sessionId(), "same session, connected throughout");
      assertTrue(a.connectionState().isConnected());
    }
    lease.close();
  }

  @Test
  void closingTheLockWhileAcquireWaitsThrowsIllegalStateAndLeavesNothingQueued() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease held = a.lock("closed-while-waiting").acquire(WAIT);
    DistributedLock lock = b.lock("closed-while-waiting");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                lock.acquire(WAIT);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    waiter.start();
    Await.until(
        WAIT,
        () -> DistributedLockTest.children(a, "/locks/closed-while-waiting") == 2,
        "waiter queued");

    lock.close();

    waiter.join(20_000);
    assertFalse(waiter.isAlive(), "the waiter woke up");
    assertTrue(thrown.get() instanceof IllegalStateException, "thrown: " + thrown.get());
    Await.until(
        WAIT,
        () -> DistributedLockTest.children(a, "/locks/closed-while-waiting") == 1,
        "the waiter's node deleted");
    held.close();
  }

  // The owner re-enters while another thread closes its last hold: it must get either the same,
  // still held lease or a new one, never the lease being released.
  @Test
  void reentryRacingWithAnotherThreadsCloseNeverYieldsAReleasedLease() throws Exception {
    DistributedLock lock = TestCoordinators.connect(zk, "test/locks").lock("reentry-race");
    ExecutorService owner = Executors.newSingleThreadExecutor();
    ExecutorService closer = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 100; i++) {
        LockLease first = owner.submit(() -> lock.acquire(WAIT)).get(20, TimeUnit.SECONDS);
        CyclicBarrier start = new CyclicBarrier(2);
        Future<LockLease> again =
            owner.submit(
                () -> {
                  start.await();
                  return lock.acquire(WAIT);
                });
        Future<?> closed =
            closer.submit(
                () -> {
                  start.await();
                  first.close();
                  return null;
                });
        closed.get(20, TimeUnit.SECONDS);
        LockLease second = again.get(20, TimeUnit.SECONDS);
        assertTrue(
            second.isValid(),
            "iteration " + i + ": " + (second == first ? "re-entered a released lease" : second));
        owner.submit(second::close).get(20, TimeUnit.SECONDS);
      }
    } finally {
      owner.shutdownNow();
      closer.shutdownNow();
    }
    assertEquals(
        0,
        DistributedLockTest.children(
            TestCoordinators.connect(zk, "test/locks"), "/locks/reentry-race"));
  }
}
