package dev.baton.examples;

import java.time.Duration;
import java.util.List;

/** The typed pipeline config the config examples use. */
record EtlConfig(int batchSize, Duration flushInterval, List<String> sinks) {
  static final EtlConfig DEFAULTS = new EtlConfig(100, Duration.ofSeconds(30), List.of("hdfs"));

  EtlConfig withBatchSize(int batchSize) {
    return new EtlConfig(batchSize, flushInterval, sinks);
  }
}
