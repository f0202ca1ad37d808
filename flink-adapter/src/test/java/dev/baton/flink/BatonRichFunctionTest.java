package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigWatcher;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatonRichFunctionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void operatorsFollowTheirConfigAndCloseTheirWatches() throws Exception {
    Coordinator admin =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("rich").build());
    assertTrue(admin.awaitConnected(Duration.ofSeconds(60)));
    admin.configs().put("tag", Codecs.ofString(), "red");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration params = new Configuration();
    params.set(BatonOptions.CONNECT, zk.connectString());
    params.set(BatonOptions.NAMESPACE, "rich");
    env.getConfig().setGlobalJobParameters(params);
    env.fromSource(
            new DataGeneratorSource<>(
                n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(40), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .map(new Tagger())
        .setParallelism(2)
        .sinkTo(CollectingSink.into("tags"));
    JobClient job = env.executeAsync("rich");
    Queue<String> tags = CollectingSink.queue("tags");
    try {
      JobAwait.until(job, () -> tags.stream().anyMatch(t -> t.startsWith("red-")), "red");
      admin.configs().put("tag", Codecs.ofString(), "blue");
      JobAwait.until(job, () -> tags.stream().anyMatch(t -> t.startsWith("blue-")), "blue");
      assertTrue(zk.watchersOf("/rich/config/tag") >= 1, "the operators watch the key");
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    Await.until(
        Duration.ofSeconds(60),
        () -> CoordinatorPool.size() == 0 && zk.watchersOf("/rich/config/tag") == 0,
        "watches closed and coordinator released after the job");
  }

  static final class Tagger extends BatonRichFunction implements MapFunction<Long, String> {
    private transient ConfigWatcher<String> tag;

    @Override
    public void open(OpenContext context) throws Exception {
      super.open(context);
      tag = watchConfig("tag", Codecs.ofString(), "untagged");
    }

    @Override
    public String map(Long n) {
      return tag.get() + "-" + n;
    }
  }
}
