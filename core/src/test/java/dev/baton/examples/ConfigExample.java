package dev.baton.examples;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigEntry;
import dev.baton.config.ConfigGroup;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigStore;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.HistoryEntry;
import dev.baton.config.Validator;
import dev.baton.config.Versioned;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The examples in the javadoc of {@link ConfigWatcher}, {@link ConfigStore}, {@link ConfigGroup},
 * {@link Validator}, {@link ConfigEntry} and {@code Coordinator.config}, compiled so they cannot
 * rot.
 */
final class ConfigExample {
  private static final Logger log = LoggerFactory.getLogger(ConfigExample.class);

  /** Stands in for the pipeline that the config drives. */
  static final class Pipeline {
    final AtomicInteger batchSize = new AtomicInteger();
    volatile Duration flush = Duration.ZERO;

    void resize(int batchSize) {
      this.batchSize.set(batchSize);
    }

    void reconfigure(int batchSize, Duration flush) {
      this.batchSize.set(batchSize);
      this.flush = flush;
    }
  }

  static ConfigWatcher<EtlConfig> watcher(Coordinator coord, Pipeline pipeline) {
    ConfigWatcher<EtlConfig> etl =
        coord
            .config("etl", Codecs.json(EtlConfig.class))
            .defaultValue(EtlConfig.DEFAULTS)
            .validator(c -> c.batchSize() > 0 ? null : "batchSize must be positive")
            .watch();
    etl.addListener(
        new ConfigListener<>() {
          @Override
          public void onChange(Versioned<EtlConfig> previous, Versioned<EtlConfig> current) {
            pipeline.resize(current.value().batchSize());
          }

          @Override
          public void onRejected(ConfigRejection rejection) {
            log.warn(rejection.message());
          }
        });
    int batch = etl.get().batchSize();
    pipeline.resize(batch);
    return etl;
  }

  static Versioned<EtlConfig> store(Coordinator coord, List<String> sinks) {
    Codec<EtlConfig> etlCodec = Codecs.json(EtlConfig.class);
    ConfigStore store = coord.configs();
    Versioned<EtlConfig> v =
        store.put("etl", etlCodec, new EtlConfig(500, Duration.ofSeconds(5), sinks));
    boolean won = store.compareAndSet("etl", etlCodec, v.version(), v.value().withBatchSize(1000));
    store.update("etl", etlCodec, c -> c.withBatchSize(c.batchSize() * 2));
    store.putAll(
        List.of(
            ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
            ConfigEntry.of("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(10))));
    Versioned<EtlConfig> restored = store.rollback("etl", etlCodec, v.version());
    if (!won || !restored.value().equals(v.value())) {
      throw new AssertionError("store example");
    }
    return restored;
  }

  static ConfigGroup group(Coordinator coord, Pipeline pipeline) {
    ConfigGroup etl = coord.configGroup("etl");
    etl.addListener(
        (previous, current, changed) ->
            pipeline.reconfigure(
                current.get("etl/batch-size", Codecs.ofInt()).orElseThrow().value(),
                current.get("etl/flush", Codecs.ofDuration()).orElseThrow().value()));
    coord
        .configs()
        .putAll(
            List.of(
                ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
                ConfigEntry.of("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(10))));
    // the listener runs once, seeing both keys changed
    return etl;
  }

  static Validator<EtlConfig> validator() {
    Validator<EtlConfig> positive =
        c -> c.batchSize() > 0 ? null : "batchSize must be positive, was " + c.batchSize();
    return positive;
  }

  static void entries(ConfigStore store) {
    store.putAll(
        List.of(
            ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
            ConfigEntry.ifVersion("etl/flush", Codecs.ofDuration(), 3, Duration.ofSeconds(10))));
  }

  /** The example in {@code HistoryEntry}'s javadoc: the history with this process's verdicts. */
  static List<String> review(Coordinator coord, Codec<EtlConfig> codec) {
    List<String> lines = new java.util.ArrayList<>();
    for (HistoryEntry<EtlConfig> e : coord.configs().historyEntries("etl", codec)) {
      lines.add("v" + e.version() + (e.accepted() ? "" : " REJECTED: " + e.rejection()));
    }
    return lines;
  }

  private ConfigExample() {}
}
