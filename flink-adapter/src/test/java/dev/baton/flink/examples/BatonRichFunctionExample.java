package dev.baton.flink.examples;

import dev.baton.codec.Codecs;
import dev.baton.config.ConfigWatcher;
import dev.baton.flink.BatonRichFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.OpenContext;

/** The example of {@link BatonRichFunction}'s javadoc, compiled. */
class BatonRichFunctionExample {
  static class Tagger extends BatonRichFunction implements MapFunction<Long, String> {
    private transient ConfigWatcher<String> tag;

    @Override
    public void open(OpenContext context) throws Exception {
      super.open(context);
      tag = watchConfig("tag", Codecs.ofString(), "untagged");
    }

    @Override
    public String map(Long n) {
      return tag.get() + "-" + n;
    }
  }
}
