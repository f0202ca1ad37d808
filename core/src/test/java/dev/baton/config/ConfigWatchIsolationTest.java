package dev.baton.config;

import static dev.baton.TestCoordinators.connect;
import static dev.baton.config.ConfigWatcherTest.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Config watches keep to themselves: closing one leaves the application's watches and other
 * watchers alone, releases everything it registered, and a slow open of one key does not stall the
 * watchers of other keys.
 */
class ConfigWatchIsolationTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Integer> INT = Codecs.ofInt();

  @Test
  void closingTheLastWatcherOfAKeyKeepsTheApplicationsOwnWatchOnThatPath() throws Exception {
    Coordinator coord = connect(zk, "iso-user");
    coord.configs().put("k", INT, 1);
    CountDownLatch fired = new CountDownLatch(1);
    List<Watcher.Event.EventType> events = new CopyOnWriteArrayList<>();
    // An application's one-shot watch through the shared client, on the key's very node.
    Watcher app =
        event -> {
          events.add(event.getType());
          if (event.getType() == Watcher.Event.EventType.NodeDataChanged) {
            fired.countDown();
          }
        };
    coord.curator().getData().usingWatcher(app).forPath("/config/k");

    coord.config("k", INT).watch().close();

    coord.configs().put("k", INT, 2);
    assertTrue(
        fired.await(WAIT.toMillis(), TimeUnit.MILLISECONDS),
        "the application's watch hears the change, heard only " + events);
    // Baton's own persistent watch did go: once the one-shot fired, nothing watches the node.
    Await.until(WAIT, () -> zk.watchersOf("/iso-user/config/k") == 0, "no watch left on k");
  }

  @Test
  void aClosedGroupIsReleasedWhileAnotherGroupOfThePrefixStaysOpen() throws Exception {
    Coordinator coord = connect(zk, "iso-groups");
    ConfigGroup kept = coord.configGroup("etl");
    WeakReference<ConfigGroup> closed = openAndClose(coord);
    Await.until(
        WAIT,
        () -> {
          System.gc();
          return closed.get() == null;
        },
        "the closed group is no longer referenced (by the client's watch set)");
    coord.configs().put("etl/a", INT, 7);
    Await.until(WAIT, () -> kept.snapshot().keys().contains("etl/a"), "the open group still hears");
    assertEquals(1, zk.watchersOf("/iso-groups/config-generations/etl"));
  }

  private static WeakReference<ConfigGroup> openAndClose(Coordinator coord) {
    ConfigGroup group = coord.configGroup("etl");
    group.close();
    return new WeakReference<>(group);
  }

  @Test
  void aStalledFirstReadOfOneKeyDoesNotBlockWatchersOfAnotherKey() throws Exception {
    Coordinator coord = connect(zk, "iso-slow");
    coord.configs().put("b", INT, 1);
    ConfigWatcher<Integer> first = coord.config("b", INT).watch();
    assertEquals(1, first.get());
    zk.stop();
    try {
      // Opening a new key now waits in a round trip on the disconnected client until the client's
      // next connection attempt fails. Meanwhile another watcher of the already watched key "b"
      // must start without waiting for it. Whether the opener is still waiting when that returns
      // is checked, and an attempt where it finished first proves nothing and is repeated.
      for (int attempt = 0; attempt < 20; attempt++) {
        String key = "a" + attempt;
        Thread opener = new Thread(() -> coord.config(key, INT).defaultValue(0).watch(), key);
        opener.setDaemon(true);
        opener.start();
        Await.until(
            WAIT,
            () -> inKeyWatchOpen(opener) || !opener.isAlive(),
            "the opener of " + key + " waits in its first round trip or is done");
        if (!inKeyWatchOpen(opener)) {
          continue;
        }
        ConfigWatcher<Integer> second = coord.config("b", INT).watch();
        boolean openerStillWaiting = inKeyWatchOpen(opener);
        assertEquals(1, second.get(), "the second watcher shares the first one's value");
        second.close();
        if (openerStillWaiting) {
          return;
        }
      }
      fail("a watcher of another key never started while an opener waited on ZooKeeper");
    } finally {
      zk.restart();
    }
  }

  private static boolean inKeyWatchOpen(Thread t) {
    return Arrays.stream(t.getStackTrace())
        .anyMatch(
            f ->
                f.getClassName().equals(KeyWatch.class.getName())
                    && f.getMethodName().equals("open"));
  }
}
