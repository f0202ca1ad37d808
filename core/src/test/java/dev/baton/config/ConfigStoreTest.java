package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.CoordinationException;
import dev.baton.Coordinator;
import dev.baton.Guard;
import dev.baton.LeaseLostException;
import dev.baton.ListenerHandle;
import dev.baton.PayloadTooLargeException;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigStoreTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Integer> INT = Codecs.ofInt();

  @Test
  void compareAndSetSucceedsOnlyAtTheExpectedVersion() throws Exception {
    ConfigStore store = connect(zk, "cs/cas").configs();
    assertTrue(store.compareAndSet("k", INT, ConfigStore.ABSENT, 1));
    assertFalse(store.compareAndSet("k", INT, ConfigStore.ABSENT, 2), "exists already");
    assertTrue(store.compareAndSet("k", INT, 0, 3));
    assertFalse(store.compareAndSet("k", INT, 0, 4), "stale version");
    assertFalse(store.compareAndSet("missing", INT, 0, 4), "no such key");
    assertEquals(3, store.get("k", INT).orElseThrow().value());
    assertEquals(1, store.get("k", INT).orElseThrow().version());
  }

  @Test
  void aParentOfOtherKeysHasNoValueUntilOneIsStored() throws Exception {
    Coordinator coord = connect(zk, "cs/parent");
    ConfigStore store = coord.configs();
    store.put("etl/batch", INT, 1); // creates /config/etl as an empty parent
    ConfigWatcher<Integer> w = coord.config("etl", INT).defaultValue(-1).watch();
    assertEquals(Versioned.ofDefault(-1), w.current());
    assertEquals(Optional.empty(), store.get("etl", INT));
    assertTrue(store.compareAndSet("etl", INT, ConfigStore.ABSENT, 7));
    assertFalse(store.compareAndSet("etl", INT, ConfigStore.ABSENT, 8));
    assertTrue(w.awaitVersion(1, ConfigWatcherTest.WAIT));
    assertEquals(7, w.get());
    assertTrue(store.delete("etl")); // has a child: emptied, not deleted
    dev.baton.testing.Await.until(ConfigWatcherTest.WAIT, () -> !w.current().isStored(), "default");
    assertEquals(1, store.get("etl/batch", INT).orElseThrow().value());
    assertFalse(store.delete("etl"));
  }

  @Test
  void compareAndSetRaceBetweenTwoWritersHasExactlyOneWinner() throws Exception {
    ConfigStore a = connect(zk, "cs/race").configs();
    ConfigStore b = connect(zk, "cs/race").configs();
    int v = a.put("k", INT, 0).version();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        CountDownLatch start = new CountDownLatch(1);
        int expected = v;
        int value = round;
        Future<Boolean> fa =
            pool.submit(() -> await(start) && a.compareAndSet("k", INT, expected, 100 + value));
        Future<Boolean> fb =
            pool.submit(() -> await(start) && b.compareAndSet("k", INT, expected, 200 + value));
        start.countDown();
        boolean wa = fa.get(20, TimeUnit.SECONDS);
        boolean wb = fb.get(20, TimeUnit.SECONDS);
        assertTrue(wa ^ wb, "exactly one winner in round " + round + ": " + wa + " " + wb);
        Versioned<Integer> now = a.get("k", INT).orElseThrow();
        assertEquals(expected + 1, now.version());
        assertEquals(wa ? 100 + value : 200 + value, now.value());
        v = now.version();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void updateIsACasLoopThatLosesNoIncrement() throws Exception {
    ConfigStore a = connect(zk, "cs/update").configs();
    ConfigStore b = connect(zk, "cs/update").configs();
    a.put("counter", Codecs.ofLong(), 0L);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (ConfigStore s : List.of(a, b)) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 15; i++) {
                    s.update("counter", Codecs.ofLong(), n -> n + 1);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(30L, a.get("counter", Codecs.ofLong()).orElseThrow().value());
    CoordinationException e =
        assertThrows(CoordinationException.class, () -> a.update("none", INT, n -> n + 1));
    assertTrue(e.getMessage().contains("none") && e.getMessage().contains("no stored value"));
  }

  @Test
  void putAllIsAllOrNothing() throws Exception {
    Coordinator coord = connect(zk, "cs/putall");
    ConfigStore store = coord.configs();
    store.put("etl/a", INT, 1);
    store.put("etl/b", INT, 1);
    Map<String, Versioned<?>> done =
        store.putAll(
            List.of(
                ConfigEntry.of("etl/a", INT, 2),
                ConfigEntry.ifVersion("etl/b", INT, 0, 2),
                ConfigEntry.of("other", Codecs.ofString(), "x")));
    assertEquals(List.of("etl/a", "etl/b", "other"), new ArrayList<>(done.keySet()));
    assertEquals(1, done.get("etl/a").version());
    assertEquals(0, done.get("other").version());
    assertEquals(done.get("etl/a").mzxid(), done.get("other").mzxid(), "one transaction");

    ConfigConflictException e =
        assertThrows(
            ConfigConflictException.class,
            () ->
                store.putAll(
                    List.of(
                        ConfigEntry.of("etl/a", INT, 3),
                        ConfigEntry.of("etl/new", INT, 3),
                        ConfigEntry.ifVersion("etl/b", INT, 0, 3))));
    assertEquals("etl/b", e.path());
    assertTrue(e.getMessage().contains("version 0"), e.getMessage());
    assertEquals(2, store.get("etl/a", INT).orElseThrow().value(), "unchanged");
    assertEquals(1, store.get("etl/a", INT).orElseThrow().version());
    assertEquals(Optional.empty(), store.get("etl/new", INT), "not created");
    assertEquals(2, store.history("etl/a", INT).size(), "no history entry either");

    assertThrows(
        IllegalArgumentException.class,
        () -> store.putAll(List.of(ConfigEntry.of("x", INT, 1), ConfigEntry.of("x", INT, 2))));
    assertThrows(IllegalArgumentException.class, () -> store.putAll(List.of()));
  }

  @Test
  void historyIsBoundedNewestFirstAndRollbackRestoresAsANewVersion() throws Exception {
    ConfigStore store = connect(zk, "cs/history").configs().withHistory(3);
    assertEquals(3, store.historyLimit());
    for (int i = 0; i < 5; i++) {
      store.put("rate", INT, i * 10);
    }
    List<Versioned<Integer>> h = store.history("rate", INT);
    assertEquals(List.of(40, 30, 20), h.stream().map(Versioned::value).toList());
    assertEquals(List.of(4, 3, 2), h.stream().map(Versioned::version).toList());
    Versioned<Integer> restored = store.rollback("rate", INT, 2);
    assertEquals(20, restored.value());
    assertEquals(5, restored.version());
    assertEquals(restored, store.get("rate", INT).orElseThrow());
    assertEquals(
        List.of(20, 40, 30), store.history("rate", INT).stream().map(Versioned::value).toList());
    CoordinationException e =
        assertThrows(CoordinationException.class, () -> store.rollback("rate", INT, 0));
    assertTrue(e.getMessage().contains("version 0 is not in the history"), e.getMessage());
    assertEquals(10, connect(zk, "cs/history").configs().historyLimit());
    assertThrows(IllegalArgumentException.class, () -> store.withHistory(-1));
  }

  @Test
  void rollbackAfterDeleteAndTheDefaultHistoryOfTen() throws Exception {
    ConfigStore store = connect(zk, "cs/history10").configs();
    for (int i = 0; i < 12; i++) {
      store.put("k", Codecs.ofString(), "v" + i);
    }
    assertEquals(10, store.history("k", Codecs.ofString()).size());
    assertTrue(store.delete("k"));
    assertFalse(store.delete("k"));
    assertEquals(Optional.empty(), store.get("k", Codecs.ofString()));
    Versioned<String> back = store.rollback("k", Codecs.ofString(), 11);
    assertEquals("v11", back.value());
    assertEquals(0, back.version(), "re-created");
  }

  @Test
  void invalidValuesNeverReachZooKeeper() throws Exception {
    Coordinator coord = connect(zk, "cs/validate");
    ConfigStore store = coord.configs();
    store.put("batch", INT, 10);
    ListenerHandle handle =
        store.addValidator("batch", INT, n -> n > 0 ? null : "batch must be positive, was " + n);
    ConfigRejectedException e =
        assertThrows(ConfigRejectedException.class, () -> store.put("batch", INT, -5));
    assertTrue(e.getMessage().contains("batch") && e.getMessage().contains("must be positive"));
    assertThrows(ConfigRejectedException.class, () -> store.compareAndSet("batch", INT, 0, 0));
    assertThrows(
        ConfigRejectedException.class,
        () ->
            store.putAll(
                List.of(ConfigEntry.of("other", INT, 1), ConfigEntry.of("batch", INT, 0))));
    assertEquals(Optional.empty(), store.get("other", INT));
    assertEquals(10, store.get("batch", INT).orElseThrow().value());
    assertEquals(0, store.get("batch", INT).orElseThrow().version());
    handle.close();
    // A watcher's validator guards writes too, while the watcher is open.
    ConfigWatcher<Integer> w =
        coord.config("batch", INT).validator(n -> n < 1000 ? null : "batch too large").watch();
    assertThrows(ConfigRejectedException.class, () -> store.put("batch", INT, 5000));
    w.close();
    store.put("batch", INT, 5000);
    // A codec whose output does not decode again is refused as well.
    Codec<Integer> lying =
        new Codec<>() {
          @Override
          public byte[] encode(Integer value) {
            return ("#" + value).getBytes();
          }

          @Override
          public Integer decode(byte[] bytes) {
            return Integer.valueOf(new String(bytes));
          }

          @Override
          public String describe() {
            return "lying";
          }
        };
    assertThrows(ConfigRejectedException.class, () -> store.put("batch", lying, 1));
    assertThrows(IllegalArgumentException.class, () -> store.put("empty", Codecs.ofString(), ""));
    assertThrows(IllegalArgumentException.class, () -> store.put("bad key", INT, 1));
  }

  @Test
  void valuesOverZooKeepersLimitAreRefusedClientSide() throws Exception {
    ConfigStore store = connect(zk, "cs/size").configs();
    String big = "x".repeat(1_100_000);
    PayloadTooLargeException e =
        assertThrows(
            PayloadTooLargeException.class, () -> store.put("big", Codecs.ofString(), big));
    assertTrue(e.getMessage().startsWith("big: "), e.getMessage());
    assertTrue(e.getMessage().contains("1,100,000 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("jute.maxbuffer"), e.getMessage());
    // With history, the copy counts: 600 KB is too much; without history it fits.
    String medium = "y".repeat(600_000);
    assertThrows(
        PayloadTooLargeException.class, () -> store.put("medium", Codecs.ofString(), medium));
    assertEquals(Optional.empty(), store.get("medium", Codecs.ofString()));
    store.withHistory(0).put("medium", Codecs.ofString(), medium);
    assertEquals(medium, store.get("medium", Codecs.ofString()).orElseThrow().value());
  }

  @Test
  void aGuardedWriteFailsOnceTheGuardIsGoneAndChangesNothing() throws Exception {
    Coordinator coord = connect(zk, "cs/guard");
    Coordinator holder = connect(zk, "cs/guard");
    ConfigStore store = coord.configs();
    Stat stat = new Stat();
    holder.curator().create().creatingParentsIfNeeded().forPath("/leases");
    holder
        .curator()
        .create()
        .storingStatIn(stat)
        .withMode(CreateMode.EPHEMERAL)
        .forPath("/leases/l1");
    Guard guard = new TestGuard("/leases/l1", stat.getCzxid());
    store.put("k", INT, 1, guard);
    assertTrue(store.compareAndSet("k", INT, 0, 2, guard));
    store.putAll(List.of(ConfigEntry.of("k", INT, 3)), guard);

    zk.expireSession(holder.curator()); // the holder's ephemeral node goes with its session
    dev.baton.testing.Await.until(
        Duration.ofSeconds(20),
        () -> {
          try {
            return coord.curator().checkExists().forPath("/leases/l1") == null;
          } catch (Exception ex) {
            return false;
          }
        },
        "lease node gone");
    assertThrows(LeaseLostException.class, () -> store.put("k", INT, 9, guard));
    assertThrows(LeaseLostException.class, () -> store.compareAndSet("k", INT, 2, 9, guard));
    assertThrows(LeaseLostException.class, () -> store.update("k", INT, n -> 9, guard));
    assertThrows(
        LeaseLostException.class, () -> store.putAll(List.of(ConfigEntry.of("k", INT, 9)), guard));
    assertThrows(LeaseLostException.class, () -> store.rollback("k", INT, 0, guard));
    assertThrows(LeaseLostException.class, () -> store.delete("k", guard));
    Versioned<Integer> now = store.get("k", INT).orElseThrow();
    assertEquals(3, now.value());
    assertEquals(2, now.version());
    assertEquals(3, store.history("k", INT).size());
  }

  private static boolean await(CountDownLatch latch) throws InterruptedException {
    return latch.await(20, TimeUnit.SECONDS);
  }

  private record TestGuard(String guardPath, long fencingToken) implements Guard {
    @Override
    public void checkValid() {}
  }
}
