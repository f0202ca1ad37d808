package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DynamicConfigTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  // subtask -> newest version its function received on the broadcast input
  static final Map<Integer, Integer> RECEIVED = new ConcurrentHashMap<>();
  static volatile CountDownLatch gate = new CountDownLatch(0);

  /** What the function saw for one record. */
  record Seen(long n, long timestamp, int subtask, String mode, int version) {}

  private JobClient job;

  @AfterEach
  void cancel() throws Exception {
    gate.countDown();
    if (job != null) {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
    RECEIVED.clear();
  }

  private Coordinator writer() throws InterruptedException {
    Coordinator c =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("dyn").build());
    assertTrue(c.awaitConnected(DEADLINE));
    return c;
  }

  private static Configuration params() {
    Configuration params = new Configuration();
    params.set(BatonOptions.CONNECT, zk.connectString());
    params.set(BatonOptions.NAMESPACE, "dyn");
    return params;
  }

  // The source reader sees no job parameters: its settings come with the key.
  private static ConfigKey<Rules> key(String name, boolean effectiveFrom) {
    ConfigKey.Builder<Rules> b = ConfigKey.builder(name, Rules::codec).settings(params());
    if (effectiveFrom) {
      b.effectiveFrom(Rules::from);
    }
    return b.build();
  }

  private StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.getConfig().setGlobalJobParameters(params());
    return env;
  }

  private static BroadcastStream<Versioned<Rules>> configStream(
      StreamExecutionEnvironment env, ConfigKey<Rules> key) {
    return env.fromSource(new ConfigSource<>(key), WatermarkStrategy.noWatermarks(), "rules")
        .setParallelism(1)
        .broadcast(key.stateDescriptor());
  }

  @Test
  void subtasksSwitchWhenTheKeyChanges() throws Exception {
    Coordinator zkc = writer();
    zkc.configs().put("switch", Rules.codec(), new Rules("A", null));
    ConfigKey<Rules> key = key("switch", false);
    StreamExecutionEnvironment env = env();
    DataStream<Long> numbers =
        env.fromSource(
            new DataGeneratorSource<>(
                n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(40), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers");
    BroadcastStream<Versioned<Rules>> updates = configStream(env, key);
    numbers
        .rebalance()
        .connect(updates)
        .process(new Recorder(key))
        .setParallelism(2)
        .sinkTo(CollectingSink.into("switch"))
        .setParallelism(2); // chained: the queue sees each subtask's records in order
    numbers
        .keyBy(n -> n % 64)
        .connect(updates)
        .process(new KeyedRecorder(key))
        .setParallelism(2)
        .sinkTo(CollectingSink.into("switch-keyed"))
        .setParallelism(2);
    job = env.executeAsync("switch");
    Queue<Seen> seen = CollectingSink.queue("switch");
    Queue<Seen> keyed = CollectingSink.queue("switch-keyed");

    JobAwait.until(
        job,
        () -> modesBySubtask(seen, "A") == 2 && modesBySubtask(keyed, "A") == 2,
        "both subtasks of both functions use A");
    zkc.configs().put("switch", Rules.codec(), new Rules("B", null));
    JobAwait.until(
        job,
        () -> modesBySubtask(seen, "B") == 2 && modesBySubtask(keyed, "B") == 2,
        "both subtasks of both functions switched to B");

    assertNeverBack(seen);
    assertNeverBack(keyed);
  }

  private static void assertNeverBack(Queue<Seen> seen) {
    for (int subtask = 0; subtask < 2; subtask++) {
      int s = subtask;
      List<Integer> versions =
          seen.stream().filter(x -> x.subtask() == s).map(Seen::version).toList();
      for (int i = 1; i < versions.size(); i++) {
        assertTrue(versions.get(i) >= versions.get(i - 1), "subtask " + s + " went back");
      }
    }
  }

  private static long modesBySubtask(Queue<Seen> seen, String mode) {
    return seen.stream().filter(s -> s.mode().equals(mode)).map(Seen::subtask).distinct().count();
  }

  @Test
  void noRecordIsProcessedWithoutConfigEvenBeforeTheBroadcastArrives() throws Exception {
    writer().configs().put("first", Rules.codec(), new Rules("A", null));
    ConfigKey<Rules> key = key("first", false);
    StreamExecutionEnvironment env = env();
    // A broadcast input that never delivers anything: records always beat it.
    BroadcastStream<Versioned<Rules>> silent =
        env.fromSource(
                new DataGeneratorSource<>(
                    n -> Versioned.<Rules>ofDefault(null), 0, key.versionedType()),
                WatermarkStrategy.noWatermarks(),
                "silent")
            .setParallelism(1)
            .broadcast(key.stateDescriptor());
    List<Seen> seen =
        env.fromSequence(1, 200)
            .rebalance()
            .connect(silent)
            .process(new Recorder(key))
            .setParallelism(2)
            .executeAndCollect(1000);
    assertEquals(200, seen.size());
    assertEquals(2, seen.stream().map(Seen::subtask).distinct().count(), "both subtasks ran");
    assertTrue(seen.stream().allMatch(s -> s.mode().equals("A") && s.version() == 0), "" + seen);
  }

  @Test
  void aValueNotYetInEffectAtOpenLeavesEarlierRecordsOnThePreviousOne() throws Exception {
    Coordinator zkc = writer();
    zkc.configs().put("ahead", Rules.codec(), new Rules("A", null));
    zkc.configs().put("ahead", Rules.codec(), new Rules("B", 1000L));
    ConfigKey<Rules> key = key("ahead", true);
    StreamExecutionEnvironment env = env();
    BroadcastStream<Versioned<Rules>> silent =
        env.fromSource(
                new DataGeneratorSource<>(
                    n -> Versioned.<Rules>ofDefault(null), 0, key.versionedType()),
                WatermarkStrategy.noWatermarks(),
                "silent")
            .setParallelism(1)
            .broadcast(key.stateDescriptor());
    List<Seen> seen =
        env.fromSource(
                new DataGeneratorSource<>(n -> n, 200, Types.LONG),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((n, previous) -> n * 10),
                "numbers")
            .setParallelism(1)
            .rebalance()
            .connect(silent)
            .process(new Recorder(key))
            .setParallelism(2)
            .executeAndCollect(1000);
    assertEquals(200, seen.size());
    for (Seen s : seen) {
      assertEquals(s.timestamp() >= 1000 ? "B" : "A", s.mode(), "record " + s);
    }
  }

  @Test
  void effectiveFromSwitchesEverySubtaskAtTheSameEventTime() throws Exception {
    Coordinator zkc = writer();
    zkc.configs().put("timed", Rules.codec(), new Rules("A", null));
    ConfigKey<Rules> key = key("timed", true);
    long pauseAt = 100;
    long total = 300;
    long switchAt = 200 * 10; // records carry timestamp n * 10
    gate = new CountDownLatch(1);
    StreamExecutionEnvironment env = env();
    DataStream<Long> numbers =
        env.fromSource(
                new DataGeneratorSource<>(new Paused(pauseAt), total, Types.LONG),
                WatermarkStrategy.<Long>forMonotonousTimestamps()
                    .withTimestampAssigner((n, previous) -> n * 10),
                "numbers")
            .setParallelism(1);
    numbers
        .rebalance()
        .connect(configStream(env, key))
        .process(new Recorder(key))
        .setParallelism(2)
        .sinkTo(CollectingSink.into("timed"));
    job = env.executeAsync("timed");
    Queue<Seen> seen = CollectingSink.queue("timed");

    JobAwait.until(job, () -> seen.size() == pauseAt, "records before the pause");
    zkc.configs().put("timed", Rules.codec(), new Rules("B", switchAt));
    JobAwait.until(
        job,
        () -> RECEIVED.size() == 2 && RECEIVED.values().stream().allMatch(v -> v == 1),
        "both subtasks received version 1: " + RECEIVED);
    gate.countDown();
    JobAwait.until(job, () -> seen.size() == total, "all records");

    for (Seen s : seen) {
      String expected = s.timestamp() >= switchAt ? "B" : "A";
      assertEquals(expected, s.mode(), "record " + s);
    }
    Map<Integer, Map<String, Long>> perSubtask =
        seen.stream()
            .collect(
                Collectors.groupingBy(
                    Seen::subtask, Collectors.groupingBy(Seen::mode, Collectors.counting())));
    assertEquals(2, perSubtask.size(), "both subtasks ran: " + perSubtask);
    perSubtask.forEach(
        (subtask, modes) ->
            assertEquals(2, modes.size(), "subtask " + subtask + " saw both: " + modes));
    assertFalse(
        seen.stream().anyMatch(s -> s.timestamp() < switchAt && s.version() == 1),
        "nothing before the switch time used the new version");
  }

  static final class KeyedRecorder
      extends KeyedDynamicConfigProcessFunction<Long, Long, Rules, Seen> {
    KeyedRecorder(ConfigKey<Rules> key) {
      super(key);
    }

    @Override
    protected void process(Long n, Rules rules, ReadOnlyContext ctx, Collector<Seen> out) {
      out.collect(
          new Seen(
              n,
              -1,
              getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
              rules.mode(),
              configInForce().version()));
    }
  }

  /** Emits n; at {@code pauseAt} waits for the test's gate (bounded by the deadline). */
  private static final class Paused implements GeneratorFunction<Long, Long> {
    private final long pauseAt;

    Paused(long pauseAt) {
      this.pauseAt = pauseAt;
    }

    @Override
    public Long map(Long n) throws Exception {
      if (n == pauseAt && !gate.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
      return n;
    }
  }

  /** Records, for each record, the subtask and the config it was processed with. */
  static final class Recorder extends DynamicConfigProcessFunction<Long, Rules, Seen> {
    Recorder(ConfigKey<Rules> key) {
      super(key);
    }

    @Override
    protected void process(Long n, Rules rules, ReadOnlyContext ctx, Collector<Seen> out) {
      Long ts = ctx.timestamp();
      out.collect(
          new Seen(
              n,
              ts == null ? -1 : ts,
              getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
              rules.mode(),
              configInForce().version()));
    }

    @Override
    protected void onConfigReceived(Versioned<Rules> config, Context ctx, Collector<Seen> out) {
      RECEIVED.put(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), config.version());
    }
  }
}
