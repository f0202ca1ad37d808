package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorPoolTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final CoordinatorPool pool = CoordinatorPool.create();
  private final AtomicInteger built = new AtomicInteger();
  private final Queue<Coordinator> all = new ConcurrentLinkedQueue<>();

  /** Settings as a host would key them. */
  private record Settings(String connect, String namespace) {}

  private Settings settings(String namespace) {
    return new Settings(zk.connectString(), namespace);
  }

  private Coordinator build(Settings s) {
    built.incrementAndGet();
    Coordinator c =
        Coordinator.builder()
            .connectString(s.connect())
            .namespace(s.namespace())
            .sessionTimeout(zk.sessionTimeout())
            .connectionTimeout(Duration.ofSeconds(2))
            .build();
    all.add(c);
    return c;
  }

  private CoordinatorPool.Handle acquire(Settings s) {
    return pool.acquire(s, () -> build(s));
  }

  @Test
  void equalKeysShareOneSessionClosedWithTheLastHandle() throws Exception {
    CoordinatorPool.Handle a = acquire(settings("p"));
    CoordinatorPool.Handle b = acquire(settings("p"));
    CoordinatorPool.Handle other = acquire(settings("q"));
    assertSame(a.coordinator(), b.coordinator(), "equal keys: one coordinator");
    assertNotSame(a.coordinator(), other.coordinator(), "another key: its own");
    assertEquals(2, built.get());
    assertTrue(a.coordinator().awaitConnected(WAIT));
    assertEquals(a.coordinator().sessionId(), b.coordinator().sessionId(), "one session");
    assertEquals(2, pool.size());

    Coordinator shared = a.coordinator();
    a.close();
    a.close(); // idempotent: does not release b's reference
    assertTrue(a.isClosed());
    assertFalse(shared.isClosed(), "b still holds it");
    b.close();
    assertTrue(shared.isClosed(), "closed with the last handle");
    assertEquals(List.of(other.coordinator()), pool.coordinators());

    try (CoordinatorPool.Handle again = acquire(settings("p"))) {
      assertNotSame(shared, again.coordinator(), "a new one after the last release");
      assertFalse(again.coordinator().isClosed());
    }
    other.close();
    assertEquals(0, pool.size());
    assertEquals(3, built.get());
  }

  @Test
  void scopesSeparateEqualKeysAndCloseScopeClosesWhatWasNotReleased() {
    Object job1 = new Object();
    Object job2 = new Object();
    CoordinatorPool.Handle a = pool.acquire(job1, settings("p"), () -> build(settings("p")));
    CoordinatorPool.Handle b = pool.acquire(job1, settings("p"), () -> build(settings("p")));
    CoordinatorPool.Handle c = pool.acquire(job2, settings("p"), () -> build(settings("p")));
    CoordinatorPool.Handle unscoped = acquire(settings("p"));
    assertSame(a.coordinator(), b.coordinator());
    assertNotSame(a.coordinator(), c.coordinator(), "another scope: its own");
    assertNotSame(a.coordinator(), unscoped.coordinator());
    assertEquals(3, pool.size());

    assertEquals(1, pool.closeScope(job1), "job1's coordinator, with two open handles");
    assertTrue(a.coordinator().isClosed());
    assertEquals(2, pool.size());
    a.close(); // late releases after closeScope are harmless
    b.close();
    assertFalse(c.coordinator().isClosed(), "other scopes untouched");
    assertFalse(unscoped.coordinator().isClosed());
    c.close();
    unscoped.close();
    assertEquals(0, pool.size());
  }

  @Test
  void aCoordinatorClosedBehindThePoolsBackIsReplaced() {
    CoordinatorPool.Handle a = acquire(settings("p"));
    a.coordinator().close(); // what a user must not do
    CoordinatorPool.Handle b = acquire(settings("p"));
    assertNotSame(a.coordinator(), b.coordinator());
    assertFalse(b.coordinator().isClosed());
    a.close(); // releases the old one, not the new one
    assertFalse(b.coordinator().isClosed());
    assertEquals(1, pool.size());
    b.close();
    assertEquals(0, pool.size());
  }

  @Test
  void aFailingFactoryLeavesThePoolUnchanged() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertSame(
        boom,
        assertThrows(
            IllegalStateException.class,
            () ->
                pool.acquire(
                    "k",
                    () -> {
                      throw boom;
                    })));
    assertThrows(NullPointerException.class, () -> pool.acquire("k", () -> null));
    assertEquals(0, pool.size());
    try (CoordinatorPool.Handle h = acquire(settings("p"))) {
      assertFalse(h.coordinator().isClosed());
    }
  }

  @Test
  void concurrentAcquireAndReleaseNeverHandOutAClosingCoordinator() throws Exception {
    int threads = 4;
    int rounds = 40;
    Settings key = settings("fuzz");
    AtomicInteger closedOnAcquire = new AtomicInteger();
    ExecutorService pool4 = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done =
          IntStream.range(0, threads)
              .<Future<?>>mapToObj(
                  t ->
                      pool4.submit(
                          () -> {
                            start.await();
                            for (int i = 0; i < rounds; i++) {
                              try (CoordinatorPool.Handle h = acquire(key)) {
                                if (h.coordinator().isClosed()) {
                                  closedOnAcquire.incrementAndGet();
                                }
                                Thread.onSpinWait();
                                if (h.coordinator().isClosed()) {
                                  closedOnAcquire.incrementAndGet();
                                }
                              }
                            }
                            return null;
                          }))
              .toList();
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool4.shutdownNow();
    }
    assertEquals(0, closedOnAcquire.get(), "a handle saw its coordinator closed while held");
    assertEquals(0, pool.size(), "the last release closed it");
    assertTrue(built.get() >= 1 && built.get() <= threads * rounds, "built " + built.get());
    assertTrue(all.stream().allMatch(Coordinator::isClosed), "every coordinator built is closed");
  }
}
