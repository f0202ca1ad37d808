package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigSourceTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
  static final AtomicBoolean FAIL = new AtomicBoolean();

  @Test
  void emitsEachChangeAndTheCurrentValueAgainAfterARestore() throws Exception {
    Coordinator admin =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("src").build());
    assertTrue(admin.awaitConnected(Duration.ofSeconds(60)));
    admin.configs().put("mode", Rules.codec(), new Rules("A", null));
    Configuration settings = new Configuration();
    settings.set(BatonOptions.CONNECT, zk.connectString());
    settings.set(BatonOptions.NAMESPACE, "src");
    ConfigKey<Rules> key = ConfigKey.builder("mode", Rules::codec).settings(settings).build();

    Configuration jobConf = new Configuration();
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
    env.enableCheckpointing(200);
    env.fromSource(new ConfigSource<>(key), WatermarkStrategy.noWatermarks(), "mode")
        .setParallelism(1)
        .map(new Describe())
        .setParallelism(1)
        .sinkTo(CollectingSink.into("modes"))
        .setParallelism(1);
    JobClient job = env.executeAsync("source");
    Queue<String> seen = CollectingSink.queue("modes");
    try {
      JobAwait.until(job, () -> seen.contains("A@0") && CHECKPOINTED.get(), "A, checkpointed");
      admin.configs().put("mode", Rules.codec(), new Rules("B", null));
      JobAwait.until(job, () -> seen.contains("B@0"), "the change to B");
      FAIL.set(true); // the next completed checkpoint fails the task: Flink restores the job
      JobAwait.until(job, () -> seen.contains("B@1"), "B read again by the restored reader");
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  /** Describes each value with the attempt that saw it; fails once on request. */
  static final class Describe extends RichMapFunction<Versioned<Rules>, String>
      implements CheckpointListener {
    @Override
    public String map(Versioned<Rules> v) {
      return v.value().mode() + "@" + getRuntimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTED.set(true);
      if (FAIL.compareAndSet(true, false)) {
        throw new IllegalStateException("failure induced by the test");
      }
    }
  }
}
