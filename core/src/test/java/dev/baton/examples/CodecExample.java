package dev.baton.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import java.time.Duration;
import java.util.List;

/** The examples in {@link Codec}'s and {@link Codecs}' javadoc, compiled so they cannot rot. */
final class CodecExample {
  static EtlConfig codec() {
    Codec<Integer> batchSize = Codecs.ofInt();
    Codec<EtlConfig> etl = Codecs.json(EtlConfig.class);
    byte[] bytes = etl.encode(new EtlConfig(500, Duration.ofSeconds(5), List.of("hdfs")));
    EtlConfig back = etl.decode(bytes);
    if (batchSize.decode(batchSize.encode(back.batchSize())) != 500) {
      throw new AssertionError("int codec");
    }
    return back;
  }

  static List<String> codecs() {
    Codec<Duration> flush = Codecs.ofDuration(); // reads "PT30S", "30s", "5m", "1h30m"
    Codec<EtlConfig> etl = Codecs.json(EtlConfig.class);
    Codec<List<String>> sinks = Codecs.json(new TypeReference<List<String>>() {});
    if (!flush.decode("1h30m".getBytes()).equals(Duration.ofMinutes(90))) {
      throw new AssertionError("duration codec");
    }
    etl.decode(etl.encode(EtlConfig.DEFAULTS));
    return sinks.decode("[\"hdfs\",\"kafka\"]".getBytes());
  }

  private CodecExample() {}
}
