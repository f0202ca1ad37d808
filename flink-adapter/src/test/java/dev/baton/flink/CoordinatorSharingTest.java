package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorSharingTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  // subtask name -> session id the subtask's coordinator uses
  static final Map<String, Long> SESSIONS = new ConcurrentHashMap<>();

  @Test
  void severalOperatorsOfOneJobShareOneSessionPerTaskManager() throws Exception {
    int before = ServerSessions.alive(zk.connectString());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    Configuration params = new Configuration();
    params.set(BatonOptions.CONNECT, zk.connectString());
    params.set(BatonOptions.NAMESPACE, "sharing");
    env.getConfig().setGlobalJobParameters(params);
    DataStream<Long> numbers =
        env.fromSource(
            new DataGeneratorSource<>(
                n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(20), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers");
    numbers
        .map(new SessionMap("map"))
        .setParallelism(2)
        .disableChaining()
        .filter(new SessionFilter("filter"))
        .setParallelism(2)
        .disableChaining()
        .sinkTo(new DiscardingSink<>());
    JobClient job = env.executeAsync("sharing");
    try {
      Await.until(DEADLINE, () -> SESSIONS.size() == 4, "4 Baton subtasks opened: " + SESSIONS);
      Set<Long> distinct = Set.copyOf(SESSIONS.values());
      assertEquals(1, distinct.size(), "sessions used by the subtasks: " + SESSIONS);
      assertEquals(before + 1, ServerSessions.alive(zk.connectString()), "sessions on the server");
      assertEquals(1, CoordinatorPool.size());
    } finally {
      job.cancel().get();
    }
    Await.until(DEADLINE, () -> CoordinatorPool.size() == 0, "the shared coordinator closed");
    Await.until(
        DEADLINE,
        () -> ServerSessions.alive(zk.connectString()) == before,
        "the session closed on the server");
  }

  private static final class SessionMap extends RichMapFunction<Long, Long> {
    private final String name;
    private transient SharedCoordinator baton;

    SessionMap(String name) {
      this.name = name;
    }

    @Override
    public void open(OpenContext context) {
      baton = SharedCoordinator.acquire(getRuntimeContext(), null);
      SESSIONS.put(
          name + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
          baton.awaitConnected().sessionId());
    }

    @Override
    public Long map(Long value) {
      return value;
    }

    @Override
    public void close() {
      if (baton != null) {
        baton.close();
      }
    }
  }

  private static final class SessionFilter extends RichFilterFunction<Long> {
    private final String name;
    private transient SharedCoordinator baton;

    SessionFilter(String name) {
      this.name = name;
    }

    @Override
    public void open(OpenContext context) {
      baton = SharedCoordinator.acquire(getRuntimeContext(), new Configuration());
      SESSIONS.put(
          name + "-" + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(),
          baton.awaitConnected().sessionId());
    }

    @Override
    public boolean filter(Long value) {
      return true;
    }

    @Override
    public void close() {
      if (baton != null) {
        baton.close();
      }
    }
  }
}
