package dev.baton.lock;

import static dev.baton.TestCoordinators.WAIT;
import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LockQueueTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void aMutexQueueShowsTheHolderWithItsTokenAndTheWaitersInOrder() throws Exception {
    Coordinator holder = connect(zk, "queue/mutex");
    Coordinator w1 = connect(zk, "queue/mutex");
    Coordinator w2 = connect(zk, "queue/mutex");
    Coordinator viewer = connect(zk, "queue/mutex");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertTrue(viewer.lock("commit").queue().entries().isEmpty());
      LockLease lease = holder.lock("commit").acquire(WAIT);
      Future<?> first = pool.submit(() -> waitAndRelease(w1));
      Await.until(WAIT, () -> viewer.lock("commit").queue().entries().size() == 2, "w1 queued");
      Future<?> second = pool.submit(() -> waitAndRelease(w2));
      Await.until(WAIT, () -> viewer.lock("commit").queue().entries().size() == 3, "w2 queued");

      LockQueue q = viewer.lock("commit").queue();
      assertEquals("/locks/commit", q.path());
      assertEquals(1, q.holders().size(), q.toString());
      LockQueue.Entry held = q.holders().get(0);
      assertEquals(lease.fencingToken(), held.fencingToken());
      assertEquals(holder.sessionId(), held.sessionId());
      assertEquals("lease-", held.kind());
      assertFalse(held.owner().isEmpty());
      List<Long> waiting = q.waiters().stream().map(LockQueue.Entry::sessionId).toList();
      assertEquals(List.of(w1.sessionId(), w2.sessionId()), waiting);

      lease.close();
      first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void readersHoldTogetherAndAWriterBehindThemWaits() throws Exception {
    Coordinator reader = connect(zk, "queue/rw");
    Coordinator writer = connect(zk, "queue/rw");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (LockLease r1 = reader.readWriteLock("table").readLock().acquire(WAIT)) {
      Future<?> w =
          pool.submit(
              () -> {
                try (LockLease l = writer.readWriteLock("table").writeLock().acquire(WAIT)) {
                  return l.fencingToken();
                }
              });
      Await.until(
          WAIT,
          () -> reader.readWriteLock("table").readLock().queue().entries().size() == 2,
          "the writer queued");
      LockQueue q = reader.readWriteLock("table").writeLock().queue();
      assertEquals(List.of("read-"), q.holders().stream().map(LockQueue.Entry::kind).toList());
      assertEquals(r1.fencingToken(), q.holders().get(0).fencingToken());
      assertEquals(List.of("write-"), q.waiters().stream().map(LockQueue.Entry::kind).toList());
      r1.close();
      w.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static Void waitAndRelease(Coordinator coord) throws Exception {
    try (LockLease l = coord.lock("commit").acquire(WAIT)) {
      return null;
    }
  }

  @Test
  void lockNamesListTheLocksInUseByRecipe() throws Exception {
    Coordinator coord = connect(zk, "queue/names");
    assertEquals(new LockNames(List.of(), List.of(), List.of()), LockNames.read(coord));
    try (LockLease a = coord.lock("b-commit").acquire(WAIT);
        LockLease b = coord.lock("a-commit").acquire(WAIT);
        LockLease c = coord.readWriteLock("table").readLock().acquire(WAIT);
        LockLease d = coord.semaphore("pool", 2).acquire(WAIT)) {
      LockNames names = LockNames.read(coord);
      assertEquals(List.of("a-commit", "b-commit"), names.mutexes());
      assertEquals(List.of("table"), names.readWriteLocks());
      assertEquals(List.of("pool"), names.semaphores());
    }
  }
}
