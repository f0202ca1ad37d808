package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
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

class LockGuardedCommitSinkTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(4)
              .build());

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /** Per test name: the store, the batches committed, and how many commits ran at once. */
  static final Map<String, FencedStore> STORES = new ConcurrentHashMap<>();

  static final Set<String> COMMITTED = ConcurrentHashMap.newKeySet();
  static final AtomicInteger IN_COMMIT = new AtomicInteger();
  static final AtomicInteger OVERLAPS = new AtomicInteger();

  private static Configuration settings() {
    Configuration settings = new Configuration();
    settings.set(BatonOptions.CONNECT, zk.connectString());
    settings.set(BatonOptions.NAMESPACE, "commits");
    return settings;
  }

  private static LockGuardedCommitSink<String> sink(String store, String lock, Duration timeout) {
    STORES.putIfAbsent(store, new FencedStore());
    return LockGuardedCommitSink.<String>builder(
            lock,
            Types.STRING,
            (batch, token) -> {
              if (IN_COMMIT.incrementAndGet() > 1) {
                OVERLAPS.incrementAndGet();
              }
              try {
                if (COMMITTED.add(batch.id())) { // idempotent: a retried batch lands once
                  for (String r : batch.records()) {
                    STORES.get(store).write(r, token, batch.id());
                  }
                }
              } finally {
                IN_COMMIT.decrementAndGet();
              }
            })
        .lockTimeout(timeout)
        .settings(settings())
        .build();
  }

  private static JobClient start(String name, int records, LockGuardedCommitSink<String> sink)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.enableCheckpointing(300);
    env.fromSource(
            new DataGeneratorSource<>(
                n -> name + "-" + n, records, RateLimiterStrategy.perSecond(100), Types.STRING),
            WatermarkStrategy.noWatermarks(),
            name)
        .setParallelism(1)
        .sinkTo(sink)
        .setParallelism(1);
    return env.executeAsync(name);
  }

  @Test
  void twoJobsNeverCommitAtOnceAndTokensIncrease() throws Exception {
    JobClient a = start("a", 200, sink("shared", "warehouse", Duration.ofSeconds(30)));
    JobClient b = start("b", 200, sink("shared", "warehouse", Duration.ofSeconds(30)));
    a.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    b.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

    FencedStore store = STORES.get("shared");
    assertEquals(0, OVERLAPS.get(), "commits overlapped");
    assertEquals(List.of(), store.refused(), "a commit carried a lower token than an earlier one");
    List<FencedStore.Write> writes = store.accepted();
    assertEquals(400, writes.size());
    assertEquals(400, writes.stream().map(FencedStore.Write::value).distinct().count());
    long batchesOfA =
        writes.stream()
            .filter(w -> w.value().startsWith("a-"))
            .map(w -> w.writer())
            .distinct()
            .count();
    assertTrue(batchesOfA > 1, "job a committed several batches: " + batchesOfA);
  }

  @Test
  void aCommitThatTimesOutIsRetriedNotLost() throws Exception {
    Coordinator holder =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("commits").build());
    assertTrue(holder.awaitConnected(DEADLINE));
    LockLease held = holder.lock("busy").acquire(DEADLINE);
    String ours = held.path().substring(held.path().lastIndexOf('/') + 1);
    JobClient job = start("r", 50, sink("retry", "busy", Duration.ofMillis(500)));
    try {
      // A committer queued behind us and then left the queue: its wait timed out.
      Set<String> seen = new HashSet<>();
      JobAwait.until(
          job,
          () -> {
            Set<String> now = new HashSet<>(children(holder, "/locks/busy"));
            now.remove(ours);
            boolean leftTheQueue = seen.stream().anyMatch(n -> !now.contains(n));
            seen.addAll(now);
            return leftTheQueue;
          },
          "a committer timed out waiting for the lock");
      assertTrue(STORES.get("retry").accepted().isEmpty(), "nothing committed while we held it");
    } finally {
      held.close();
    }
    job.getJobExecutionResult().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    Await.until(
        DEADLINE, () -> STORES.get("retry").accepted().size() == 50, "all 50 records committed");
    assertEquals(
        50, STORES.get("retry").accepted().stream().map(w -> w.value()).distinct().count());
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
}
