package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A keyed broadcast process function whose records are processed with a live Baton config value:
 * extend it, implement {@link #process}, and connect it to the broadcast {@link ConfigSource} of
 * the same key.
 *
 * <pre>{@code
 * class PerUser extends KeyedDynamicConfigProcessFunction<String, Event, Rules, Event> {
 *   PerUser(ConfigKey<Rules> rules) {
 *     super(rules);
 *   }
 *
 *   protected void process(Event e, Rules rules, ReadOnlyContext ctx, Collector<Event> out) {
 *     if (rules.accepts(e)) {
 *       out.collect(e);
 *     }
 *   }
 * }
 *
 * events.keyBy(Event::user).connect(ruleUpdates).process(new PerUser(rules));
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flink.examples.DynamicConfigExample}
 * in the test sources.
 *
 * <p>Semantics (the first read in {@code open()}, effective-from times, versions that never go
 * backwards, metrics) are those of {@link DynamicConfigProcessFunction}, per subtask.
 *
 * <p>Keyed state and timers work as in any {@code KeyedBroadcastProcessFunction}; in {@code
 * onTimer}, {@link #configAt(long)} gives the version in force at the timer's time.
 *
 * <p>Subclasses that override {@link #open} or {@link #close} must call {@code super}.
 *
 * @param <K> the key type of the keyed input
 * @param <IN> the records' type
 * @param <C> the config value's type
 * @param <OUT> the output's type
 * @since 0.1
 */
public abstract class KeyedDynamicConfigProcessFunction<K, IN, C, OUT>
    extends KeyedBroadcastProcessFunction<K, IN, Versioned<C>, OUT> {
  private static final long serialVersionUID = 1L;

  private final ConfigBinding<C> binding;

  /**
   * A function processing records with the values of {@code configKey}.
   *
   * @param configKey the key, as given to the {@link ConfigSource} it is connected to
   */
  protected KeyedDynamicConfigProcessFunction(ConfigKey<C> configKey) {
    this.binding = new ConfigBinding<>(configKey, getClass());
  }

  /**
   * Processes one record with the config value in force for it.
   *
   * @param value the record
   * @param config the config value in force for the record
   * @param ctx the context (timestamp, watermark, side outputs)
   * @param out where results go
   * @throws Exception if processing fails; Flink fails the task
   */
  protected abstract void process(IN value, C config, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception;

  /**
   * Reads the key's current value before any record. Overriding methods must call it.
   *
   * @param openContext Flink's open context
   * @throws Exception if the key cannot be read, or has no value and no default
   */
  @Override
  public void open(OpenContext openContext) throws Exception {
    binding.open(getRuntimeContext());
  }

  @Override
  public final void processElement(IN value, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception {
    Versioned<C> v = binding.enter(ctx.timestamp(), ctx.currentWatermark());
    process(value, Objects.requireNonNull(v.value()), ctx, out);
  }

  @Override
  public final void processBroadcastElement(Versioned<C> value, Context ctx, Collector<OUT> out)
      throws Exception {
    if (binding.accept(value, ctx.getBroadcastState(binding.key().stateDescriptor()))) {
      onConfigReceived(value, ctx, out);
    }
  }

  /**
   * Called on the task thread when a newer version arrives on the broadcast input (it may apply
   * later, at its effective-from time). Does nothing by default.
   *
   * @param config the new version
   * @param ctx the broadcast context
   * @param out where results go
   * @throws Exception if the reaction fails; Flink fails the task
   */
  protected void onConfigReceived(Versioned<C> config, Context ctx, Collector<OUT> out)
      throws Exception {}

  /**
   * The version (number, zxid, source) of the config value passed to the current {@link #process}
   * call.
   *
   * @return the version in force for the record being processed
   * @throws IllegalStateException outside {@link #process}
   */
  protected final Versioned<C> configInForce() {
    return binding.inForce();
  }

  /**
   * The config version in force at an event time, e.g. a timer's.
   *
   * @param timestamp the event time
   * @return the version in force at {@code timestamp}
   * @throws IllegalStateException before {@code open()}
   */
  protected final Versioned<C> configAt(long timestamp) {
    return binding.versionFor(timestamp, Long.MIN_VALUE);
  }

  /**
   * The TaskManager's shared coordinator, for other Baton calls. Do not close it.
   *
   * @return the connected coordinator
   * @throws IllegalStateException before {@code open()} or after {@code close()}
   */
  protected final Coordinator coordinator() {
    return binding.coordinator();
  }

  /**
   * Releases the shared coordinator. Overriding methods must call it.
   *
   * @throws Exception never from this class
   */
  @Override
  public void close() throws Exception {
    binding.close();
  }
}
