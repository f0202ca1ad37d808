package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 10,000 puts as fast as another client can send them. */
class RapidPutsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final int PUTS = 10_000;

  @Test
  void everyWatcherEndsOnTheLastValueWithStrictlyIncreasingVersionsAndNoOverlap() throws Exception {
    Coordinator a = connect(zk, "rapid");
    Coordinator b = connect(zk, "rapid");
    List<ConfigWatcher<Integer>> watchers = new ArrayList<>();
    List<Recorder<Integer>> recorders = new ArrayList<>();
    ExecutorService own = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 3; i++) { // three sharing a's watch, default executor
        watchers.add(a.config("n", Codecs.ofInt()).defaultValue(-1).watch());
      }
      watchers.add(b.config("n", Codecs.ofInt()).defaultValue(-1).executor(own).watch());
      watchers.add(b.config("n", Codecs.ofInt()).defaultValue(-1).executor(Runnable::run).watch());
      for (ConfigWatcher<Integer> w : watchers) {
        for (int l = 0; l < 2; l++) {
          Recorder<Integer> rec = new Recorder<>();
          w.addListener(rec);
          recorders.add(rec);
        }
      }

      CuratorFramework writer = zk.newCurator();
      String path = "/rapid/config/n";
      writer.create().creatingParentsIfNeeded().forPath(path, bytes(0));
      // Pipelined asynchronous writes, at most 500 outstanding: ZooKeeper applies them in order.
      Semaphore window = new Semaphore(500);
      AtomicReference<String> failure = new AtomicReference<>();
      AtomicInteger acked = new AtomicInteger();
      for (int i = 1; i <= PUTS; i++) {
        assertTrue(window.tryAcquire(30, TimeUnit.SECONDS), "write window");
        writer
            .setData()
            .inBackground(
                (client, event) -> {
                  if (event.getResultCode() != 0) {
                    failure.compareAndSet(null, "setData failed: " + event);
                  }
                  acked.incrementAndGet();
                  window.release();
                })
            .forPath(path, bytes(i));
      }
      Await.until(Duration.ofSeconds(60), () -> acked.get() == PUTS, "all puts acknowledged");
      assertEquals(null, failure.get());

      for (ConfigWatcher<Integer> w : watchers) {
        assertTrue(
            w.awaitVersion(PUTS, Duration.ofSeconds(30)), "watcher reaches the last version");
        assertEquals(PUTS, w.get());
      }
      for (Recorder<Integer> rec : recorders) {
        Await.until(
            Duration.ofSeconds(30), () -> rec.heardValue(PUTS), "listener ends on the last value");
        rec.assertClean();
        int previous = -1;
        for (Versioned<Integer> v : rec.changes) {
          assertTrue(
              v.version() > previous, "strictly increasing versions: " + previous + " then " + v);
          assertEquals(v.version(), v.value());
          previous = v.version();
        }
      }
    } finally {
      own.shutdownNow();
    }
  }

  private static byte[] bytes(int i) {
    return Integer.toString(i).getBytes(StandardCharsets.UTF_8);
  }
}
