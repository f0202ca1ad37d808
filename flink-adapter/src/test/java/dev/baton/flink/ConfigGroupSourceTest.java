package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.config.ConfigEntry;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigGroupSourceTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final AtomicInteger CHECKPOINTS = new AtomicInteger();
  static final AtomicBoolean FAIL = new AtomicBoolean();
  static volatile @Nullable Coordinator admin;

  @Test
  void emitsEachChangedKeyAndDeletionAndTheCurrentGroupAgainAfterARestore() throws Exception {
    Coordinator admin =
        ConfigGroupSourceTest.admin =
            zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("grp").build());
    assertTrue(admin.awaitConnected(Duration.ofSeconds(60)));
    admin.configs().put("modes/a", Rules.codec(), new Rules("A1", null));
    Configuration settings = new Configuration();
    settings.set(BatonOptions.CONNECT, zk.connectString());
    settings.set(BatonOptions.NAMESPACE, "grp");

    Configuration jobConf = new Configuration();
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    jobConf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
    env.enableCheckpointing(200);
    env.fromSource(
            new ConfigGroupSource<>("modes", Rules::codec, settings),
            WatermarkStrategy.noWatermarks(),
            "modes")
        .setParallelism(1)
        .map(new Describe())
        .setParallelism(1)
        .sinkTo(CollectingSink.into("group"))
        .setParallelism(1);
    JobClient job = env.executeAsync("group source");
    Queue<String> seen = CollectingSink.queue("group");
    try {
      JobAwait.until(job, () -> seen.contains("modes/a=A1@0"), "the current group");
      admin
          .configs()
          .putAll(
              List.of(
                  ConfigEntry.of("modes/a", Rules.codec(), new Rules("A2", null)),
                  ConfigEntry.of("modes/b", Rules.codec(), new Rules("B1", null))));
      JobAwait.until(
          job,
          () -> seen.contains("modes/a=A2@0") && seen.contains("modes/b=B1@0"),
          "the writes to both keys");
      admin.configs().delete("modes/a");
      JobAwait.until(job, () -> seen.contains("modes/a=deleted@0"), "the deletion of a");
      admin.configs().put("modes/c", Rules.codec(), new Rules("C1", null));
      JobAwait.until(job, () -> seen.contains("modes/c=C1@0"), "the new key c");
      // The second checkpoint completed from now was triggered after c reached the sink, so its
      // split has b and c as present.
      int after = CHECKPOINTS.get() + 2;
      JobAwait.until(job, () -> CHECKPOINTS.get() >= after, "a checkpoint holding c");
      // The next completed checkpoint deletes c and fails the task: Flink restores the job from
      // that checkpoint, and the reader must find c gone.
      FAIL.set(true);
      JobAwait.until(
          job,
          () -> seen.contains("modes/b=B1@1") && seen.contains("modes/c=deleted@1"),
          "the group read again by the restored reader");
      assertFalse(seen.contains("modes/a=A2@1"), () -> "a was deleted before: " + seen);
      assertFalse(seen.contains("modes/a=deleted@1"), () -> "a was reported gone: " + seen);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  /** Describes each change with the attempt that saw it; fails once on request. */
  static final class Describe extends RichMapFunction<ConfigChange<Rules>, String>
      implements CheckpointListener {
    @Override
    public String map(ConfigChange<Rules> c) {
      String value = c.isDeleted() ? "deleted" : c.versioned().value().mode();
      return c.key() + "=" + value + "@" + getRuntimeContext().getTaskInfo().getAttemptNumber();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
      CHECKPOINTS.incrementAndGet();
      if (FAIL.compareAndSet(true, false)) {
        Objects.requireNonNull(admin).configs().delete("modes/c");
        throw new IllegalStateException("failure induced by the test");
      }
    }
  }
}
