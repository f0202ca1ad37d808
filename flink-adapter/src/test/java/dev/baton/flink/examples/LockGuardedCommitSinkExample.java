package dev.baton.flink.examples;

import dev.baton.flink.LockGuardedCommitSink;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The example of {@link LockGuardedCommitSink}'s javadoc, compiled. */
class LockGuardedCommitSinkExample {
  /** A target that records batch ids, so that a retried batch is recognised. */
  static final class Warehouse {
    static void commitIfAbsent(String batchId, List<String> rows, long fencingToken) {}
  }

  static void wire(DataStream<String> lines) {
    LockGuardedCommitSink<String> sink =
        LockGuardedCommitSink.builder(
                "warehouse-commit",
                Types.STRING,
                (batch, token) -> Warehouse.commitIfAbsent(batch.id(), batch.records(), token))
            .lockTimeout(Duration.ofSeconds(10))
            .build();
    lines.sinkTo(sink);
  }
}
