package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.registry.Registration;
import dev.baton.registry.ServiceInstance;
import dev.baton.testing.ZooKeeperExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;
import org.apache.flink.streaming.util.retryable.RetryPredicates;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryAsyncFunctionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @RegisterExtension
  static MiniClusterExtension flink =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  /** Instance ids of the in-process endpoints that answer; the others fail every call. */
  static final Set<String> ALIVE = ConcurrentHashMap.newKeySet();

  /** One answered request: which input, served by which endpoint. */
  record Served(long input, String endpoint) {}

  @Test
  void requestsMoveToTheRemainingEndpointWithoutLoss() throws Exception {
    Coordinator services =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("reg").build());
    assertTrue(services.awaitConnected(Duration.ofSeconds(60)));
    Registration a = services.registry().register(endpoint("a"));
    services.registry().register(endpoint("b"));
    ALIVE.addAll(List.of("a", "b"));

    Configuration settings = new Configuration();
    settings.set(BatonOptions.CONNECT, zk.connectString());
    settings.set(BatonOptions.NAMESPACE, "reg");
    long total = 300;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<Long> requests =
        env.fromSource(
                new DataGeneratorSource<>(
                    n -> n, total, RateLimiterStrategy.perSecond(60), Types.LONG),
                WatermarkStrategy.noWatermarks(),
                "requests")
            .setParallelism(1);
    AsyncDataStream.unorderedWaitWithRetry(
            requests,
            new Lookup(settings),
            30,
            TimeUnit.SECONDS,
            10,
            new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<Served>(5, 20)
                .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)
                .build())
        .setParallelism(1)
        .sinkTo(CollectingSink.into("served"))
        .setParallelism(1);
    JobClient job = env.executeAsync("registry");
    Queue<Served> served = CollectingSink.queue("served");
    try {
      JobAwait.until(
          job,
          () ->
              served.stream().map(Served::endpoint).distinct().count() == 2 && served.size() >= 50,
          "both endpoints served requests");
      // Endpoint a dies first and is deregistered a moment later, as a crashed process would be.
      ALIVE.remove("a");
      int removedAt = served.size();
      a.close();
      JobAwait.until(job, () -> served.size() == total, "every request answered");
      List<Served> all = List.copyOf(served);
      assertEquals(total, all.stream().map(Served::input).distinct().count(), "no request lost");
      List<Served> last = all.subList(removedAt + 20, all.size());
      assertTrue(
          last.stream().allMatch(s -> s.endpoint().equals("b")), "requests moved to b: " + last);
    } finally {
      job.cancel().get(60, TimeUnit.SECONDS);
    }
  }

  private static ServiceInstance endpoint(String id) {
    return ServiceInstance.builder("enricher").id(id).host("127.0.0.1").port(9000).build();
  }

  /** Calls the in-process endpoint named by the chosen instance's id. */
  static final class Lookup extends RegistryAsyncFunction<Long, Served> {
    Lookup(Configuration settings) {
      super("enricher", settings);
    }

    @Override
    protected CompletionStage<Served> call(Long input, ServiceInstance endpoint) {
      if (!ALIVE.contains(endpoint.id())) {
        return CompletableFuture.failedFuture(new IOException(endpoint.id() + " is down"));
      }
      return CompletableFuture.completedFuture(new Served(input, endpoint.id()));
    }
  }
}
