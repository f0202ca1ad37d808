package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigWatcherTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  static final Duration WAIT = Duration.ofSeconds(20);

  record EtlConfig(int batchSize, Duration flushInterval, List<String> sinks) {}

  /**
   * A coordinator whose client sets no watches of its own (Curator's ensemble tracker would add one
   * at some moment after connecting), so that the server's watch count is exactly ours.
   */
  static Coordinator quietCoordinator(ZooKeeperExtension zk, String namespace)
      throws InterruptedException {
    CuratorFramework client =
        zk.connect(
            cs -> {
              CuratorFramework c =
                  CuratorFrameworkFactory.builder()
                      .connectString(cs)
                      .namespace(namespace)
                      .ensembleTracker(false)
                      .sessionTimeoutMs((int) zk.sessionTimeout().toMillis())
                      .retryPolicy(new RetryOneTime(100))
                      .build();
              c.start();
              return c;
            });
    assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS), "connected");
    return zk.connect(cs -> Coordinator.wrap(client));
  }

  @Test
  void startsOnDefaultThenFollowsPutsWithVersions() throws Exception {
    Coordinator coord = connect(zk, "cw/basic");
    ConfigWatcher<Integer> w = coord.config("batch", Codecs.ofInt()).defaultValue(100).watch();
    assertEquals(Versioned.ofDefault(100), w.current());
    assertEquals(100, w.get());
    Recorder<Integer> rec = new Recorder<>();
    w.addListener(rec);

    Versioned<Integer> v0 = coord.configs().put("batch", Codecs.ofInt(), 500);
    assertEquals(0, v0.version());
    assertTrue(w.awaitVersion(0, WAIT));
    assertEquals(500, w.get());
    assertEquals(Versioned.Source.STORED, w.current().source());
    assertEquals(v0.mzxid(), w.current().mzxid());
    coord.configs().put("batch", Codecs.ofInt(), 750);
    assertTrue(w.awaitVersion(1, WAIT));
    Await.until(WAIT, () -> rec.heardValue(750), "listener hears 750");
    assertEquals(List.of(500, 750), values(rec));
    rec.assertClean();
  }

  @Test
  void aSecondWatcherStartsOnTheStoredValue() throws Exception {
    Coordinator coord = connect(zk, "cw/second");
    coord.configs().put("etl", Codecs.json(EtlConfig.class), etl(10));
    ConfigWatcher<EtlConfig> w = coord.config("etl", Codecs.json(EtlConfig.class)).watch();
    assertEquals(etl(10), w.get());
    assertEquals(0, w.current().version());
  }

  @Test
  void noDefaultMeansGetThrowsUntilAValueIsStored() throws Exception {
    Coordinator coord = connect(zk, "cw/nodefault");
    ConfigWatcher<String> w = coord.config("name", Codecs.ofString()).watch();
    assertThrows(NoSuchElementException.class, w::get);
    coord.configs().put("name", Codecs.ofString(), "clickstream");
    assertTrue(w.awaitVersion(0, WAIT));
    assertEquals("clickstream", w.get());
  }

  @Test
  void invalidJsonFailedValidationAndWrongTypeAreRejectedAndLaterValuesStillArrive()
      throws Exception {
    Coordinator coord = connect(zk, "cw/reject");
    CuratorFramework raw = zk.newCurator();
    String path = "/cw/reject/config/etl";
    raw.create().creatingParentsIfNeeded().forPath(path, json(etl(10)));
    ConfigWatcher<EtlConfig> w =
        coord
            .config("etl", Codecs.json(EtlConfig.class))
            .validator(c -> c.batchSize() > 0 ? null : "batchSize must be positive")
            .watch();
    Recorder<EtlConfig> rec = new Recorder<>();
    w.addListener(rec);
    assertEquals(etl(10), w.get());

    // One at a time: versions written faster than they are read may be coalesced.
    raw.setData().forPath(path, "{\"batchSize\": 5, ".getBytes()); // invalid JSON, version 1
    Await.until(WAIT, () -> rec.rejections.size() == 1, "invalid JSON rejected");
    raw.setData().forPath(path, json(etl(-1))); // fails validation, version 2
    Await.until(WAIT, () -> rec.rejections.size() == 2, "invalid value rejected");
    raw.setData() // wrong type, version 3
        .forPath(path, "{\"batchSize\":\"many\",\"flushInterval\":\"5s\",\"sinks\":[]}".getBytes());
    Await.until(WAIT, () -> rec.rejections.size() == 3, "wrong type rejected");
    assertEquals(etl(10), w.get(), "last good value kept");
    assertEquals(0, w.current().version());
    List<Integer> versions = new ArrayList<>();
    for (ConfigRejection r : rec.rejections) {
      versions.add(r.version());
      assertEquals("etl", r.key());
      assertTrue(r.message().contains("'etl'") && r.message().contains("version " + r.version()));
      assertTrue(r.length() > 0);
    }
    assertEquals(List.of(1, 2, 3), versions);
    assertEquals(ConfigRejection.Stage.DECODE, rec.rejections.get(0).stage());
    assertEquals(ConfigRejection.Stage.VALIDATION, rec.rejections.get(1).stage());
    assertTrue(rec.rejections.get(1).message().contains("batchSize must be positive"));
    assertEquals(ConfigRejection.Stage.DECODE, rec.rejections.get(2).stage());

    raw.setData().forPath(path, json(etl(20)));
    assertTrue(w.awaitVersion(4, WAIT));
    assertEquals(etl(20), w.get());
    Await.until(WAIT, () -> rec.heardValue(etl(20)), "listener hears the next valid value");
    rec.assertClean();
  }

  @Test
  void deleteFallsBackToTheDefaultAndReCreateIsPickedUp() throws Exception {
    Coordinator coord = connect(zk, "cw/delete");
    ConfigStore store = coord.configs();
    store.put("rate", Codecs.ofLong(), 7L);
    store.put("rate", Codecs.ofLong(), 8L);
    ConfigWatcher<Long> w = coord.config("rate", Codecs.ofLong()).defaultValue(1L).watch();
    Recorder<Long> rec = new Recorder<>();
    w.addListener(rec);
    assertEquals(8L, w.get());

    assertTrue(store.delete("rate"));
    Await.until(WAIT, () -> !w.current().isStored(), "back on the default");
    assertEquals(Versioned.ofDefault(1L), w.current());
    // Re-created: version starts again at 0, yet it is newer (larger mzxid) and is delivered.
    store.put("rate", Codecs.ofLong(), 9L);
    assertTrue(w.awaitVersion(0, WAIT));
    assertEquals(9L, w.get());
    Await.until(WAIT, () -> rec.heardValue(9L), "listener hears the re-created value");
    assertEquals(Versioned.Source.DEFAULT, rec.changes.get(0).source());
    assertEquals(1L, rec.changes.get(0).value());
    assertEquals(9L, rec.last().value());
    rec.assertClean();
  }

  @Test
  void slowAndThrowingListenersHarmNoOtherListener() throws Exception {
    Coordinator coord = connect(zk, "cw/isolation");
    ConfigWatcher<Integer> w = coord.config("n", Codecs.ofInt()).defaultValue(0).watch();
    CountDownLatch release = new CountDownLatch(1);
    w.addListener(
        (p, c) -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    w.addListener(
        (p, c) -> {
          throw new IllegalStateException("boom");
        });
    Recorder<Integer> rec = new Recorder<>();
    w.addListener(rec);
    for (int i = 1; i <= 5; i++) {
      coord.configs().put("n", Codecs.ofInt(), i);
    }
    Await.until(WAIT, () -> rec.heardValue(5), "healthy listener hears 5 despite the others");
    release.countDown();
    rec.assertClean();
  }

  @Test
  void watchersOfOneKeyShareOneServerWatchAndCloseRemovesIt() throws Exception {
    Coordinator coord = quietCoordinator(zk, "cw/share");
    long before = zk.watchCount();
    List<ConfigWatcher<Integer>> watchers = new ArrayList<>();
    watchers.add(coord.config("shared", Codecs.ofInt()).defaultValue(0).watch());
    long oneWatch = zk.watchCount() - before;
    assertTrue(oneWatch > 0, "the watch is on the server");
    for (int i = 1; i < 20; i++) {
      watchers.add(coord.config("shared", Codecs.ofInt()).defaultValue(0).watch());
    }
    assertEquals(
        before + oneWatch, zk.watchCount(), "twenty watchers cost the server what one costs");
    assertEquals(1, ConfigRegistry.of(coord).watchedKeys());
    coord.configs().put("shared", Codecs.ofInt(), 42);
    for (ConfigWatcher<Integer> w : watchers) {
      assertTrue(w.awaitVersion(0, WAIT));
      assertEquals(42, w.get());
    }
    for (int i = 0; i < 19; i++) {
      watchers.get(i).close();
    }
    assertEquals(before + oneWatch, zk.watchCount(), "the last watcher still holds the watch");
    watchers.get(19).close();
    watchers.get(19).close(); // idempotent
    assertEquals(before, zk.watchCount(), "close() leaves no watch on the server");
    assertEquals(0, ConfigRegistry.of(coord).watchedKeys());
  }

  @Test
  void coordinatorCloseClosesWatchersAndRemovesWatches() throws Exception {
    Coordinator coord = quietCoordinator(zk, "cw/coordclose");
    long before = zk.watchCount();
    ConfigWatcher<Integer> w = coord.config("a", Codecs.ofInt()).defaultValue(0).watch();
    coord.config("b", Codecs.ofInt()).defaultValue(0).watch();
    ConfigGroup g = coord.configGroup("grp");
    assertTrue(zk.watchCount() > before);
    coord.close();
    assertEquals(before, zk.watchCount());
    assertFalse(w.awaitVersion(0, Duration.ofMillis(1)));
    assertThrows(IllegalStateException.class, () -> w.addListener((p, c) -> {}));
    assertThrows(IllegalStateException.class, () -> g.addListener((p, c, k) -> {}));
  }

  @Test
  void badArgumentsAreRefusedNamingTheRule() throws Exception {
    Coordinator coord = connect(zk, "cw/args");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> coord.config("/etl", Codecs.ofInt()));
    assertTrue(e.getMessage().contains("/etl"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> coord.config("a//b", Codecs.ofInt()));
    assertThrows(IllegalArgumentException.class, () -> coord.configGroup("x y"));
    ConfigWatcher<Integer> w = coord.config("ok", Codecs.ofInt()).watch();
    assertThrows(IllegalArgumentException.class, () -> w.awaitVersion(-1, WAIT));
  }

  static EtlConfig etl(int batch) {
    return new EtlConfig(batch, Duration.ofSeconds(5), List.of("hdfs", "kafka"));
  }

  static byte[] json(EtlConfig c) {
    return Codecs.json(EtlConfig.class).encode(c);
  }

  static <T> List<T> values(Recorder<T> rec) {
    List<T> out = new ArrayList<>();
    rec.changes.forEach(v -> out.add(v.value()));
    return out;
  }
}
