package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejectedException;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigStore;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.Versioned;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Act: a typed pipeline config changes live. An operator writes it, a worker's listener sees each
 * change (with the measured write-to-listener latency), and an invalid value is rejected while the
 * last good one stays.
 */
final class ConfigAct implements DemoAct {
  /** The pipeline's config, stored as JSON. */
  record EtlConfig(int batchSize, Duration flushInterval, List<String> sinks) {}

  private static final Codec<EtlConfig> CODEC = Codecs.json(EtlConfig.class);
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Override
  public String title() {
    return "Config: a typed pipeline config changes live, validated";
  }

  @Override
  public void play(DemoStage stage) throws Exception {
    Coordinator worker = stage.coordinator("worker");
    Coordinator operator = stage.coordinator("operator");
    ConfigStore store = operator.configs();
    store.put("etl", CODEC, new EtlConfig(500, Duration.ofSeconds(5), List.of("hdfs")));

    ConfigWatcher<EtlConfig> etl =
        worker
            .config("etl", CODEC)
            .defaultValue(new EtlConfig(100, Duration.ofSeconds(30), List.of("hdfs")))
            .validator(c -> c.batchSize() > 0 ? null : "batchSize must be positive")
            .watch();
    stage.say("worker starts with %s (version %d)", etl.get(), etl.current().version());
    BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    etl.addListener(
        new ConfigListener<>() {
          @Override
          public void onChange(Versioned<EtlConfig> previous, Versioned<EtlConfig> current) {
            heard.add(new long[] {System.nanoTime(), current.version()});
          }

          @Override
          public void onRejected(ConfigRejection rejection) {
            heard.add(rejection);
          }
        });

    int rounds = 20;
    long[] micros = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      EtlConfig next =
          new EtlConfig(1000 * (i + 1), Duration.ofSeconds(5 + i), List.of("hdfs", "kafka"));
      long start = System.nanoTime();
      Versioned<EtlConfig> written = store.put("etl", CODEC, next);
      long[] change = (long[]) expect(heard);
      if (change[1] != written.version()) {
        throw new IllegalStateException("worker heard version " + change[1]);
      }
      micros[i] = (change[0] - start) / 1_000;
      if (i < 2) {
        stage.say(
            "operator wrote batchSize=%d: worker heard version %d after %.2f ms",
            next.batchSize(), written.version(), micros[i] / 1000.0);
      }
    }
    Arrays.sort(micros);
    stage.say(
        "write -> listener latency over %d changes: median %.2f ms, max %.2f ms",
        rounds, micros[rounds / 2] / 1000.0, micros[rounds - 1] / 1000.0);

    EtlConfig good = etl.get();
    store.put("etl", CODEC, new EtlConfig(0, Duration.ofSeconds(5), List.of("hdfs")));
    ConfigRejection rejection = (ConfigRejection) expect(heard);
    stage.say("operator wrote batchSize=0: %s", rejection.message());
    stage.say(
        "worker keeps the last good value: batchSize=%d (version %d)",
        etl.get().batchSize(), etl.current().version());
    if (!etl.get().equals(good)) {
      throw new IllegalStateException("the worker lost its last good value");
    }
    // With the same validator on its own side, the operator's store refuses before writing.
    store.addValidator("etl", CODEC, c -> c.batchSize() > 0 ? null : "batchSize must be positive");
    try {
      store.put("etl", CODEC, new EtlConfig(-1, Duration.ofSeconds(5), List.of("hdfs")));
      throw new IllegalStateException("the invalid write was not refused");
    } catch (ConfigRejectedException e) {
      stage.say("refused before reaching ZooKeeper: %s", e.getMessage());
    }
  }

  private static Object expect(BlockingQueue<Object> heard) throws InterruptedException {
    Object o = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (o == null) {
      throw new IllegalStateException("the worker heard nothing within " + WAIT);
    }
    return o;
  }
}
