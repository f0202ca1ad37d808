package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SemaphoreAndReadWriteLockTest {
  @RegisterExtension
  static dev.baton.testing.ZooKeeperExtension zk =
      dev.baton.testing.ZooKeeperExtension.standalone();

  private static final Duration WAIT = TestCoordinators.WAIT;

  @Test
  void semaphoreNeverExceedsItsPermitsUnderContention() throws Exception {
    int permits = 2;
    int clients = 5;
    int rounds = 12;
    List<Semaphore> semaphores = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Coordinator coord = TestCoordinators.connect(zk, "test/locks");
      Semaphore s = coord.semaphore("pool", permits);
      OWNERS.put(s, coord);
      semaphores.add(s);
    }
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Semaphore s : semaphores) {
        done.add(
            pool.submit(
                () -> {
                  for (int r = 0; r < rounds; r++) {
                    try (LockLease lease = s.acquire(WAIT)) {
                      int now = holding.incrementAndGet();
                      most.accumulateAndGet(now, Math::max);
                      assertTrue(lease.isValid());
                      // Hold until someone else is waiting, so permits are really contended.
                      Await.until(
                          WAIT,
                          () ->
                              finished.get() == clients - 1
                                  || DistributedLockTest.children(sCoord(s), "/semaphores/pool")
                                      > 1,
                          "contention");
                      holding.decrementAndGet();
                    }
                  }
                  finished.incrementAndGet();
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(most.get() <= permits, "held at once: " + most.get());
    assertEquals(permits, most.get(), "both permits were used together");
  }

  private static Coordinator sCoord(Semaphore s) {
    return OWNERS.get(s);
  }

  private static final java.util.Map<Semaphore, Coordinator> OWNERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Test
  void semaphoreTokensIncreaseAndTryAcquireRespectsPermits() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    Semaphore s = coord.semaphore("two", 2);
    assertEquals(2, s.permits());
    LockLease a = s.tryAcquire().orElseThrow();
    LockLease b = s.tryAcquire().orElseThrow();
    assertTrue(b.fencingToken() > a.fencingToken());
    assertEquals(Optional.empty(), s.tryAcquire());
    a.close();
    LockLease c = s.tryAcquire(WAIT).orElseThrow();
    assertTrue(c.fencingToken() > b.fencingToken());
    b.close();
    c.close();
  }

  @Test
  void readersShareAndWritersExclude() throws Exception {
    Coordinator one = TestCoordinators.connect(zk, "test/locks");
    Coordinator two = TestCoordinators.connect(zk, "test/locks");
    ReadWriteLock rw1 = one.readWriteLock("table");
    ReadWriteLock rw2 = two.readWriteLock("table");

    LockLease r1 = rw1.readLock().acquire(WAIT);
    LockLease r2 = rw2.readLock().acquire(WAIT);
    assertTrue(r1.isValid() && r2.isValid(), "two readers at once");
    assertEquals(Optional.empty(), rw2.writeLock().tryAcquire(), "no writer while reading");

    CompletableFuture<LockLease> writer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return rw2.writeLock().acquire(WAIT);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until(WAIT, () -> DistributedLockTest.children(one, "/rwlocks/table") == 3, "queued");
    assertEquals(
        Optional.empty(), rw1.readLock().tryAcquire(), "a reader behind a waiting writer waits");
    r1.close();
    assertFalse(writer.isDone());
    r2.close();
    LockLease w = writer.get(20, TimeUnit.SECONDS);
    assertTrue(w.isValid());
    assertTrue(w.fencingToken() > r2.fencingToken());
    assertEquals(Optional.empty(), rw1.readLock().tryAcquire(), "no reader while writing");
    assertEquals(Optional.empty(), rw1.writeLock().tryAcquire(), "no second writer");
    w.close();
    try (LockLease r3 = rw1.readLock().acquire(WAIT)) {
      assertTrue(r3.isValid());
    }
  }
}
