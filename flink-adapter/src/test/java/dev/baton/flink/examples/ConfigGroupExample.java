package dev.baton.flink.examples;

import dev.baton.codec.Codecs;
import dev.baton.config.Versioned;
import dev.baton.flink.ConfigChange;
import dev.baton.flink.ConfigGroupSource;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/** The examples of {@link ConfigGroupSource} and {@link ConfigChange}, compiled. */
class ConfigGroupExample {
  record Event(String user, String type) {}

  static DataStream<Event> wire(
      StreamExecutionEnvironment env, DataStream<Event> events, Configuration baton) {
    ConfigGroupSource<String> limits = new ConfigGroupSource<>("limits", Codecs::ofString, baton);
    BroadcastStream<ConfigChange<String>> limitUpdates =
        env.fromSource(limits, WatermarkStrategy.noWatermarks(), "limits")
            .setParallelism(1)
            .broadcast(limits.stateDescriptor());
    return events.connect(limitUpdates).process(new Blocked(limits.stateDescriptor()));
  }

  /** Drops events whose type the group {@code limits} has a key for with the value "block". */
  static class Blocked extends BroadcastProcessFunction<Event, ConfigChange<String>, Event> {
    private final MapStateDescriptor<String, Versioned<String>> limits;

    Blocked(MapStateDescriptor<String, Versioned<String>> limits) {
      this.limits = limits;
    }

    @Override
    public void processElement(Event e, ReadOnlyContext ctx, Collector<Event> out)
        throws Exception {
      Versioned<String> limit = ctx.getBroadcastState(limits).get("limits/" + e.type());
      if (limit == null || !"block".equals(limit.value())) {
        out.collect(e);
      }
    }

    @Override
    public void processBroadcastElement(
        ConfigChange<String> change, Context ctx, Collector<Event> out) throws Exception {
      change.applyTo(ctx.getBroadcastState(limits));
    }
  }
}
