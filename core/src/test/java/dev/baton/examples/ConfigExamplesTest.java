package dev.baton.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigConflictException;
import dev.baton.config.ConfigStore;
import dev.baton.config.ConfigWatcher;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the config and codec javadoc examples against a real server. */
class ConfigExamplesTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Coordinator connect(String namespace) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace(namespace)
                    .sessionTimeout(zk.sessionTimeout())
                    .build());
    assertTrue(coord.awaitConnected(WAIT));
    return coord;
  }

  @Test
  void codecExamples() {
    assertEquals(500, CodecExample.codec().batchSize());
    assertEquals(List.of("hdfs", "kafka"), CodecExample.codecs());
  }

  @Test
  void watcherStoreAndGroupExamples() throws Exception {
    Coordinator coord = connect("examples");
    ConfigExample.Pipeline pipeline = new ConfigExample.Pipeline();
    ConfigWatcher<EtlConfig> etl = ConfigExample.watcher(coord, pipeline);
    assertEquals(EtlConfig.DEFAULTS.batchSize(), pipeline.batchSize.get());
    ConfigExample.store(coord, List.of("hdfs", "kafka"));
    Await.until(WAIT, () -> pipeline.batchSize.get() == 500, "pipeline resized by the rollback");
    assertEquals(500, etl.get().batchSize());
    List<String> review = ConfigExample.review(coord, Codecs.json(EtlConfig.class));
    assertTrue(!review.isEmpty() && review.stream().allMatch(l -> l.matches("v\\d+")), "" + review);

    ConfigExample.Pipeline grouped = new ConfigExample.Pipeline();
    ConfigExample.group(coord, grouped);
    Await.until(WAIT, () -> grouped.flush.equals(Duration.ofSeconds(10)), "group listener ran");
    assertEquals(1000, grouped.batchSize.get());

    assertNull(ConfigExample.validator().check(EtlConfig.DEFAULTS));
    assertTrue(ConfigExample.validator().check(EtlConfig.DEFAULTS.withBatchSize(0)).contains("0"));
    ConfigStore store = coord.configs();
    assertThrows(ConfigConflictException.class, () -> ConfigExample.entries(store));
    store.put("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(1));
    store.put("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(2));
    assertEquals(3, store.get("etl/flush", Codecs.ofDuration()).orElseThrow().version());
    ConfigExample.entries(store);
    assertEquals(
        Duration.ofSeconds(10), store.get("etl/flush", Codecs.ofDuration()).orElseThrow().value());
  }
}
