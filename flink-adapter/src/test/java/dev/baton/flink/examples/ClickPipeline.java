package dev.baton.flink.examples;

import dev.baton.codec.Codecs;
import dev.baton.config.Versioned;
import dev.baton.flink.ConfigKey;
import dev.baton.flink.ConfigSource;
import dev.baton.flink.DynamicConfigProcessFunction;
import dev.baton.flink.LeaderGatedSink;
import dev.baton.flink.RegistryAsyncFunction;
import dev.baton.registry.ServiceInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;
import org.apache.flink.streaming.util.retryable.RetryPredicates;
import org.apache.flink.util.Collector;

/**
 * The complete example job of the Flink guide: clicks are filtered by rules that change live (a
 * Baton config key), enriched by a profile service found in the Baton registry, and the results are
 * written by the leader of a Baton election only, each write fenced by the leader's epoch.
 */
public final class ClickPipeline {
  /** A click of a user on a page element. */
  public record Click(String user, String type) {}

  /** The live rules: which click types are worth an alert. */
  public record Rules(Set<String> types) {}

  /** An alert: a click and the clicking user's profile. */
  public record Alert(String user, String type, String profile) {}

  /** An alert store that refuses writes fenced by an older epoch than it has seen. */
  public static final class AlertStore {
    private static final List<Alert> ALERTS = new ArrayList<>();
    private static long highestEpoch = Long.MIN_VALUE;

    /** {@return whether the alert was stored} */
    public static synchronized boolean append(Alert alert, long epoch) {
      if (epoch < highestEpoch) {
        return false;
      }
      highestEpoch = epoch;
      return ALERTS.add(alert);
    }

    /** {@return the alerts stored so far} */
    public static synchronized List<Alert> alerts() {
      return List.copyOf(ALERTS);
    }
  }

  private ClickPipeline() {}

  /**
   * Wires the job.
   *
   * @param env the environment
   * @param baton Baton's settings: {@code baton.zookeeper.connect} and, optionally, namespace
   */
  public static void build(StreamExecutionEnvironment env, Configuration baton) {
    // Functions read their settings from the job parameters; sources and sinks take them in code.
    env.getConfig().setGlobalJobParameters(baton);

    ConfigKey<Rules> rules =
        ConfigKey.builder("click-rules", () -> Codecs.json(Rules.class)).settings(baton).build();
    BroadcastStream<Versioned<Rules>> ruleUpdates =
        env.fromSource(new ConfigSource<>(rules), WatermarkStrategy.noWatermarks(), "rules")
            .setParallelism(1)
            .broadcast(rules.stateDescriptor());

    DataStream<Click> clicks =
        env.fromSource(
            new DataGeneratorSource<>(
                n -> new Click("user-" + (n % 10), n % 2 == 0 ? "view" : "buy"),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(20),
                TypeInformation.of(Click.class)),
            WatermarkStrategy.noWatermarks(),
            "clicks");

    DataStream<Click> interesting =
        clicks.connect(ruleUpdates).process(new RuleFilter(rules)).setParallelism(2);

    DataStream<Alert> alerts =
        AsyncDataStream.unorderedWaitWithRetry(
            interesting,
            new ProfileLookup(),
            10,
            TimeUnit.SECONDS,
            20,
            new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<Alert>(3, 100)
                .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)
                .build());

    alerts
        .sinkTo(
            LeaderGatedSink.<Alert>builder(
                    "click-alerts", (alert, leader) -> AlertStore.append(alert, leader.epoch()))
                .settings(baton)
                .build())
        .setParallelism(2);
  }

  /** Keeps the clicks whose type the current rules name. */
  static final class RuleFilter extends DynamicConfigProcessFunction<Click, Rules, Click> {
    RuleFilter(ConfigKey<Rules> rules) {
      super(rules);
    }

    @Override
    protected void process(Click click, Rules rules, ReadOnlyContext ctx, Collector<Click> out) {
      if (rules.types().contains(click.type())) {
        out.collect(click);
      }
    }
  }

  /** Asks an instance of {@code profile-service} for the user's profile, over HTTP. */
  static final class ProfileLookup extends RegistryAsyncFunction<Click, Alert> {
    private transient HttpClient http;

    ProfileLookup() {
      super("profile-service", null);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
      super.open(openContext);
      http = HttpClient.newHttpClient();
    }

    @Override
    protected CompletionStage<Alert> call(Click click, ServiceInstance endpoint) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create("http://" + endpoint.address() + "/profile?user=" + click.user()))
              .build();
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .thenApply(
              response -> {
                if (response.statusCode() != 200) {
                  throw new IllegalStateException(
                      endpoint.address() + " answered " + response.statusCode());
                }
                return new Alert(click.user(), click.type(), response.body());
              });
    }
  }
}
