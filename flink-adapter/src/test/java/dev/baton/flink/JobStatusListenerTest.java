package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Coordinator;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobStatusListenerTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  // Built after ZooKeeper started: the cluster's configuration names its connect string.
  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          () -> {
            Configuration conf = new Configuration();
            conf.setString(
                "execution.job-status-changed-listeners", JobStatusListenerFactory.class.getName());
            conf.set(BatonOptions.CONNECT, zk.connectString());
            conf.set(BatonOptions.NAMESPACE, "status");
            return new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(1)
                .build();
          });

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Test
  void aFinishedJobLeavesItsStatusInZooKeeper() throws Exception {
    Coordinator reader =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("status").build());
    assertTrue(reader.awaitConnected(DEADLINE));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromSequence(1, 10).sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("short");
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    String path = "/flink-jobs/" + job.getJobID().toHexString();

    JsonNode status =
        Await.value(
            DEADLINE,
            () -> {
              JsonNode now = read(reader, path);
              return now != null && now.get("status").asText().equals("FINISHED") ? now : null;
            },
            "status FINISHED at " + path);
    assertEquals("short", status.get("jobName").asText());
    assertEquals("RUNNING", status.get("previous").asText());
  }

  private static JsonNode read(Coordinator c, String path) {
    try {
      return c.curator().checkExists().forPath(path) == null
          ? null
          : new ObjectMapper().readTree(c.curator().getData().forPath(path));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path, e);
    }
  }
}
