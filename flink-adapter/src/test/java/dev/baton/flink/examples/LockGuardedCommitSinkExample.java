package dev.baton.flink.examples;

import dev.baton.flink.LockGuardedCommitSink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The example of {@link LockGuardedCommitSink}'s javadoc, compiled. */
class LockGuardedCommitSinkExample {
  /**
   * A target that refuses stale fencing tokens and records batch ids, so that a retried batch is
   * recognised; the check and the write are atomic (one lock here, one transaction in a database).
   */
  static final class Warehouse {
    private static final List<String> table = new ArrayList<>();
    private static final Set<String> committedBatches = new HashSet<>();
    private static long highestToken = Long.MIN_VALUE;

    static synchronized void commitIfAbsent(String batchId, List<String> rows, long token)
        throws IOException {
      if (token < highestToken) {
        throw new IOException("stale fencing token " + token + " < " + highestToken);
      }
      highestToken = token;
      if (committedBatches.add(batchId)) {
        table.addAll(rows);
      }
    }
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
