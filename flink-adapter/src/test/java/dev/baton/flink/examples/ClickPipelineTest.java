package dev.baton.flink.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.flink.BatonOptions;
import dev.baton.registry.ServiceInstance;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the guide's example job against a real ZooKeeper and a real HTTP profile service. */
class ClickPipelineTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @Test
  void alertsFollowTheLiveRulesAndCarryProfiles() throws Exception {
    HttpServer profiles =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    profiles.createContext(
        "/profile",
        exchange -> {
          String user = exchange.getRequestURI().getQuery().replace("user=", "");
          byte[] body = ("gold:" + user).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    profiles.start();
    JobClient job = null;
    try {
      Coordinator ops =
          zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("clicks").build());
      assertTrue(ops.awaitConnected(DEADLINE));
      ops.registry()
          .register(
              ServiceInstance.builder("profile-service")
                  .id("profiles-1")
                  .host("127.0.0.1")
                  .port(profiles.getAddress().getPort())
                  .build());
      ops.configs()
          .put(
              "click-rules",
              Codecs.json(ClickPipeline.Rules.class),
              new ClickPipeline.Rules(Set.of("buy")));

      Configuration baton = new Configuration();
      baton.set(BatonOptions.CONNECT, zk.connectString());
      baton.set(BatonOptions.NAMESPACE, "clicks");
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      ClickPipeline.build(env, baton);
      job = env.executeAsync("clicks");

      Await.until(DEADLINE, () -> count("buy") >= 5, "alerts for buys");
      assertTrue(
          ClickPipeline.AlertStore.alerts().stream()
              .allMatch(a -> a.type().equals("buy") && a.profile().equals("gold:" + a.user())),
          "only buys, each with its profile");

      ops.configs()
          .put(
              "click-rules",
              Codecs.json(ClickPipeline.Rules.class),
              new ClickPipeline.Rules(Set.of("view")));
      Await.until(DEADLINE, () -> count("view") >= 5, "alerts for views after the rule change");
    } finally {
      if (job != null) {
        job.cancel().get(60, TimeUnit.SECONDS);
      }
      profiles.stop(0);
    }
  }

  private static long count(String type) {
    return ClickPipeline.AlertStore.alerts().stream().filter(a -> a.type().equals(type)).count();
  }
}
