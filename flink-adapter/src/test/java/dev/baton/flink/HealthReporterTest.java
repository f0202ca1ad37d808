package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HealthReporterTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void aTaskManagerNodeLivesAsLongAsTheCluster() throws Exception {
    Coordinator watcher =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("health").build());
    assertTrue(watcher.awaitConnected(DEADLINE));
    Configuration conf = new Configuration();
    conf.setString("metrics.reporter.baton.factory.class", HealthReporterFactory.class.getName());
    conf.setString("metrics.reporter.baton.interval", "200 ms");
    conf.setString("metrics.reporter.baton.connect", zk.connectString());
    conf.setString("metrics.reporter.baton.namespace", "health");
    conf.setString("metrics.reporter.baton.session-timeout", "3 s");
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .build());
    cluster.start();
    try {
      List<String> tms =
          Await.value(
              DEADLINE,
              () -> {
                List<String> now = children(watcher, "/flink-health/taskmanagers");
                return now.isEmpty() ? null : now;
              },
              "a TaskManager health node");
      assertEquals(1, tms.size(), "one TaskManager: " + tms);
      String node = "/flink-health/taskmanagers/" + tms.get(0);
      JsonNode first = json(watcher, node);
      assertEquals("taskmanager", first.get("kind").asText());
      long firstBeat = first.get("heartbeat").asLong();
      Await.until(
          DEADLINE, () -> json(watcher, node).get("heartbeat").asLong() > firstBeat, "heartbeat");
      Await.until(
          DEADLINE,
          () -> json(watcher, node).get("metrics").has("Status.JVM.Memory.Heap.Used"),
          "selected metrics");
      Await.until(
          DEADLINE,
          () -> !children(watcher, "/flink-health/jobmanagers").isEmpty(),
          "a JobManager health node");
    } finally {
      cluster.close();
    }
    Await.until(
        DEADLINE,
        () -> children(watcher, "/flink-health/taskmanagers").isEmpty(),
        "the TaskManager node gone after the cluster stopped");
  }

  private static List<String> children(Coordinator c, String path) {
    try {
      return c.curator().checkExists().forPath(path) == null
          ? List.of()
          : c.curator().getChildren().forPath(path);
    } catch (Exception e) {
      throw new IllegalStateException("cannot list " + path, e);
    }
  }

  private static JsonNode json(Coordinator c, String path) {
    try {
      return new ObjectMapper().readTree(c.curator().getData().forPath(path));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
