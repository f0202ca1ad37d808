package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DistributedLockTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = TestCoordinators.WAIT;

  @Test
  void uncontendedLeaseIsValidReentrantAndReleasedByTheLastClose() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    DistributedLock lock = coord.lock("reentrant");
    LockLease lease = lock.acquire(WAIT);
    assertTrue(lease.isValid());
    assertTrue(lease.fencingToken() > 0);
    assertSame(lease, lock.acquire(WAIT), "same thread gets the same lease");
    assertSame(lease, lock.tryAcquire().orElseThrow());
    lease.close();
    lease.close();
    assertTrue(lease.isValid(), "still held after two of three closes");
    assertEquals(1, coord.curator().getChildren().forPath("/locks/reentrant").size());
    lease.close();
    assertFalse(lease.isValid());
    assertThrows(LeaseLostException.class, lease::checkValid);
    assertEquals(0, coord.curator().getChildren().forPath("/locks/reentrant").size());
    lease.close(); // idempotent
  }

  @Test
  void fencingTokensStrictlyIncreaseOver200AcquisitionsByCompetingClients() throws Exception {
    int clients = 4;
    int total = 200;
    List<DistributedLock> locks = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      locks.add(TestCoordinators.connect(zk, "test/locks").lock("tokens"));
    }
    List<Long> tokens = new ArrayList<>();
    AtomicInteger acquisitions = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (DistributedLock lock : locks) {
        done.add(
            pool.submit(
                () -> {
                  while (acquisitions.get() < total) {
                    try (LockLease lease = lock.acquire(WAIT)) {
                      if (acquisitions.incrementAndGet() > total) {
                        return null;
                      }
                      synchronized (tokens) {
                        tokens.add(lease.fencingToken());
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(total, tokens.size());
    for (int i = 1; i < tokens.size(); i++) {
      assertTrue(
          tokens.get(i) > tokens.get(i - 1),
          "token " + i + " (" + tokens.get(i) + ") not above " + tokens.get(i - 1));
    }
  }

  @Test
  void waiterTimesOutLeavingNoNodeAndNoWatchOnceTheHolderLeaves() throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/locks");
    Coordinator other = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = holder.lock("timeout").acquire(WAIT);
    long watchesBefore = zk.watchCount();
    DistributedLock lock = other.lock("timeout");
    assertEquals(Optional.empty(), lock.tryAcquire());
    assertEquals(Optional.empty(), lock.tryAcquire(Duration.ofMillis(300)));
    assertThrows(LockTimeoutException.class, () -> lock.acquire(Duration.ofMillis(100)));
    Await.until(
        WAIT,
        () -> children(holder, "/locks/timeout") == 1,
        "only the holder's node is left in the queue");
    lease.close();
    Await.until(WAIT, () -> zk.watchCount() <= watchesBefore, "waiters' watches gone");
    try (LockLease next = lock.acquire(WAIT)) {
      assertTrue(next.fencingToken() > lease.fencingToken());
    }
  }

  @Test
  void releaseWakesTheNextWaiter() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease first = a.lock("handoff").acquire(WAIT);
    CompletableFuture<LockLease> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return b.lock("handoff").acquire(WAIT);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until(WAIT, () -> children(a, "/locks/handoff") == 2, "second client queued");
    assertFalse(second.isDone());
    first.close();
    LockLease next = second.get(20, TimeUnit.SECONDS);
    assertTrue(next.isValid());
    assertTrue(next.fencingToken() > first.fencingToken());
    next.close();
  }

  @Test
  void expiredSessionLosesTheLeaseOnceAndTheNextHolderHasAHigherToken() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = a.lock("expiry").acquire(WAIT);
    AtomicInteger lost = new AtomicInteger();
    lease.addListener(l -> lost.incrementAndGet());

    zk.expireSession(a.curator());

    LockLease next = b.lock("expiry").acquire(WAIT);
    assertTrue(next.fencingToken() > lease.fencingToken());
    Await.until(WAIT, () -> lost.get() == 1, "lease heard its loss");
    assertFalse(lease.isValid());
    assertThrows(LeaseLostException.class, lease::checkValid);
    AtomicInteger late = new AtomicInteger();
    lease.addListener(l -> late.incrementAndGet());
    assertEquals(1, late.get(), "a listener added after the loss hears it at once");
    Await.until(WAIT, () -> a.connectionState().isConnected(), "a reconnected");
    assertEquals(1, lost.get(), "heard once");
    lease.close();
    assertTrue(next.isValid());
    next.close();
  }

  @Test
  void droppedConnectionLosesTheLeaseAndFreesTheLockWithoutAClose() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = a.lock("dropped").acquire(WAIT);
    CountDownLatch lost = new CountDownLatch(1);
    lease.addListener(l -> lost.countDown());
    long session = a.sessionId();

    zk.dropConnections();

    assertTrue(lost.await(20, TimeUnit.SECONDS), "lost on SUSPENDED");
    assertFalse(lease.isValid());
    LockLease next = b.lock("dropped").acquire(WAIT);
    assertEquals(session, a.sessionId(), "same session: the lock was freed by the lease itself");
    assertTrue(next.fencingToken() > lease.fencingToken());
    // The holder's thread still holds a lost lease: acquiring again says so.
    assertThrows(LeaseLostException.class, () -> a.lock("dropped").acquire(WAIT));
    lease.close();
    next.close();
  }

  @Test
  void interruptedWaitThrowsAndLeavesNothingQueued() throws Exception {
    Coordinator a = TestCoordinators.connect(zk, "test/locks");
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = a.lock("interrupt").acquire(WAIT);
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                b.lock("interrupt").acquire(WAIT);
              } catch (Throwable t) {
                thrown.set(t);
              }
            });
    waiter.start();
    Await.until(WAIT, () -> children(a, "/locks/interrupt") == 2, "waiter queued");
    waiter.interrupt();
    waiter.join(20_000);
    assertTrue(thrown.get() instanceof InterruptedException, "thrown: " + thrown.get());
    Await.until(WAIT, () -> children(a, "/locks/interrupt") == 1, "waiter's node deleted");
    lease.close();
  }

  @Test
  void closingTheCoordinatorReleasesItsLeases() throws Exception {
    Coordinator a =
        Coordinator.builder()
            .connectString(zk.connectString())
            .namespace("test/locks")
            .sessionTimeout(zk.sessionTimeout())
            .build();
    assertTrue(a.awaitConnected(WAIT));
    Coordinator b = TestCoordinators.connect(zk, "test/locks");
    LockLease lease = a.lock("closing").acquire(WAIT);
    a.close();
    assertFalse(lease.isValid());
    assertNull(b.curator().checkExists().forPath(lease.path()));
    assertThrows(IllegalStateException.class, () -> a.lock("closing"));
  }

  static int children(Coordinator coord, String path) {
    try {
      return coord.curator().getChildren().forPath(path).size();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
