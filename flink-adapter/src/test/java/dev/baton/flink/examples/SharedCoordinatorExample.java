package dev.baton.flink.examples;

import dev.baton.codec.Codecs;
import dev.baton.flink.SharedCoordinator;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** The example of {@link SharedCoordinator}'s javadoc, compiled. */
class SharedCoordinatorExample {
  static class Enricher extends RichMapFunction<String, String> {
    private transient SharedCoordinator baton;

    @Override
    public void open(OpenContext context) {
      baton = SharedCoordinator.acquire(getRuntimeContext(), null);
    }

    @Override
    public String map(String value) {
      return baton
          .awaitConnected()
          .configs()
          .get("prefix", Codecs.ofString())
          .map(v -> v.value() + value)
          .orElse(value);
    }

    @Override
    public void close() {
      if (baton != null) {
        baton.close();
      }
    }
  }
}
