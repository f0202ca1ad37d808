package dev.baton.flink.examples;

import dev.baton.codec.Codecs;
import dev.baton.config.Versioned;
import dev.baton.flink.ConfigKey;
import dev.baton.flink.ConfigSource;
import dev.baton.flink.DynamicConfigProcessFunction;
import dev.baton.flink.KeyedDynamicConfigProcessFunction;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * The examples of {@link ConfigKey}, {@link ConfigSource}, {@link DynamicConfigProcessFunction} and
 * {@link KeyedDynamicConfigProcessFunction}, compiled.
 */
class DynamicConfigExample {
  /** A config value: which event types pass, and from which event time. */
  record Rules(java.util.Set<String> accepted, Long effectiveFrom) {
    static final Rules NONE = new Rules(java.util.Set.of(), null);

    boolean accepts(Event e) {
      return accepted.contains(e.type());
    }
  }

  record Event(String user, String type) {}

  static DataStream<Event> wire(StreamExecutionEnvironment env, DataStream<Event> events) {
    ConfigKey<Rules> rules =
        ConfigKey.builder("rules", () -> Codecs.json(Rules.class))
            .defaultValue(() -> Rules.NONE)
            .effectiveFrom(Rules::effectiveFrom)
            .build();
    BroadcastStream<Versioned<Rules>> ruleUpdates =
        env.fromSource(new ConfigSource<>(rules), WatermarkStrategy.noWatermarks(), "rules")
            .setParallelism(1)
            .broadcast(rules.stateDescriptor());
    DataStream<Event> filtered = events.connect(ruleUpdates).process(new Filter(rules));
    return filtered
        .keyBy(Event::user)
        .connect(ruleUpdates)
        .process(new PerUser(rules))
        .returns(Event.class);
  }

  static class Filter extends DynamicConfigProcessFunction<Event, Rules, Event> {
    Filter(ConfigKey<Rules> rules) {
      super(rules);
    }

    @Override
    protected void process(Event e, Rules rules, ReadOnlyContext ctx, Collector<Event> out) {
      if (rules.accepts(e)) {
        out.collect(e);
      }
    }
  }

  static class PerUser extends KeyedDynamicConfigProcessFunction<String, Event, Rules, Event> {
    PerUser(ConfigKey<Rules> rules) {
      super(rules);
    }

    @Override
    protected void process(Event e, Rules rules, ReadOnlyContext ctx, Collector<Event> out) {
      if (rules.accepts(e)) {
        out.collect(e);
      }
    }
  }
}
