package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderGatedSinkTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  // Two TaskManagers of one slot each: the sink's two subtasks run in different TaskManagers, so
  // they hold different ZooKeeper sessions and one can outlive the other's expiry.
  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(2)
              .setNumberSlotsPerTaskManager(1)
              .build());

  static final FencedStore STORE = new FencedStore();
  // participant -> path of its leader node, as its writes saw it
  static final Map<String, String> LEADER_NODES = new ConcurrentHashMap<>();

  @Test
  void onlyTheLeaderWritesAndAnExpiredLeaderIsFencedOff() throws Exception {
    Configuration settings = new Configuration();
    settings.set(BatonOptions.CONNECT, zk.connectString());
    settings.set(BatonOptions.NAMESPACE, "gated");
    settings.set(BatonOptions.SESSION_TIMEOUT, zk.sessionTimeout());
    LeaderGatedSink<Long> sink =
        LeaderGatedSink.<Long>builder(
                "writer",
                (value, leadership) -> {
                  LEADER_NODES.put(leadership.participantId(), leadership.guard().guardPath());
                  STORE.write(
                      String.valueOf(value), leadership.epoch(), leadership.participantId());
                })
            .settings(settings)
            .build();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromSource(
            new DataGeneratorSource<>(
                n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(50), Types.LONG),
            WatermarkStrategy.noWatermarks(),
            "numbers")
        .setParallelism(1)
        .rebalance()
        .sinkTo(sink)
        .setParallelism(2);
    JobClient job = env.executeAsync("gated");
    try {
      JobAwait.until(job, () -> STORE.accepted().size() >= 20, "20 writes");
      List<FencedStore.Write> first = STORE.accepted();
      String leader = first.get(0).writer();
      long epoch = first.get(0).token();
      assertTrue(
          first.stream().allMatch(w -> w.writer().equals(leader) && w.token() == epoch),
          "one writer, one epoch: " + first);

      expireSessionOf(LEADER_NODES.get(leader));

      JobAwait.until(
          job, () -> STORE.accepted().stream().anyMatch(w -> w.token() > epoch), "a new leader");
      List<FencedStore.Write> all = STORE.accepted();
      FencedStore.Write takeover =
          all.stream().filter(w -> w.token() > epoch).findFirst().orElseThrow();
      assertNotEquals(leader, takeover.writer(), "the other subtask took over");
      for (int i = 1; i < all.size(); i++) {
        assertTrue(all.get(i).token() >= all.get(i - 1).token(), "tokens never go back: " + all);
      }
      assertFalse(STORE.write("stale", epoch, leader), "a write with the old epoch is refused");
      assertEquals(
          1,
          all.stream()
              .filter(w -> w.token() == takeover.token())
              .map(FencedStore.Write::writer)
              .distinct()
              .count(),
          "one writer per epoch");
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  /** Expires, on the server, the session that owns the leader's node. */
  private static void expireSessionOf(String leaderNode) throws Exception {
    Coordinator reader =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("gated").build());
    assertTrue(reader.awaitConnected(Duration.ofSeconds(60)));
    Stat stat = reader.curator().checkExists().forPath(leaderNode);
    assertTrue(stat != null && stat.getEphemeralOwner() != 0, "leader node " + leaderNode);
    Coordinator owner =
        CoordinatorPool.coordinators().stream()
            .filter(c -> c.sessionId() == stat.getEphemeralOwner())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no coordinator holds the leader's session"));
    zk.expireSession(owner.curator());
  }
}
