package dev.baton.config;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The last watcher of a key closes while its client is cut off, so the removal of the key's watch
 * cannot reach the server; a new watcher of the same key must open at once all the same (it waits
 * for no network), and hear writes once the partition heals.
 */
class WatchReopenDuringPartitionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Integer> INT = Codecs.ofInt();
  // The cut client's session is long (SESSION), so an opener that waits for the removal waits
  // for the whole partition. One that waits for nothing still takes up to about a second and a
  // half while cut off (ZooKeeper's client fails a queued request only at its next connection
  // attempt), so PROMPT sits well between the two and a busy machine cannot blur them.
  private static final Duration SESSION = Duration.ofSeconds(30);
  private static final Duration PROMPT = Duration.ofSeconds(8);

  @Test
  void aNewWatcherOfAKeyWhoseLastWatcherClosedDuringAPartitionOpensPromptly() throws Exception {
    NetworkPartition partition = zk.partition();
    Coordinator cut =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(partition.connectString())
                    .namespace("reopen")
                    .sessionTimeout(SESSION)
                    .connectionTimeout(Duration.ofSeconds(1))
                    .build());
    assertTrue(cut.awaitConnected(WAIT), "connected through the partition");
    ConfigStore writer = TestCoordinators.connect(zk, "reopen").configs();
    writer.put("k", INT, 1);
    ConfigWatcher<Integer> first = cut.config("k", INT).watch();
    Await.until(WAIT, () -> first.get() == 1, "the first watcher has the value");

    partition.isolate();
    Await.until(
        WAIT,
        () -> !cut.curator().getZookeeperClient().isConnected(),
        "the client knows it is cut off");
    first.close(); // the last watcher: its removal cannot reach the server

    CompletableFuture<ConfigWatcher<Integer>> opening =
        CompletableFuture.supplyAsync(() -> cut.config("k", INT).defaultValue(0).watch());
    ConfigWatcher<Integer> second;
    try {
      second = opening.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("watch() waited for the network for more than " + PROMPT, e);
    } finally {
      partition.heal();
    }

    Await.until(WAIT, () -> cut.curator().getZookeeperClient().isConnected(), "reconnected");
    for (int v = 2; v <= 4; v++) {
      writer.put("k", INT, v);
      int expected = v;
      Await.until(WAIT, () -> second.get() == expected, "the new watcher hears " + expected);
    }
    assertTrue(second.current().version() >= 3);
  }
}
