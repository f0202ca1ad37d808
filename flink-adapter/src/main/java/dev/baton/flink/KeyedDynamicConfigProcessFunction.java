package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.jspecify.annotations.Nullable;

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
 * <p>Semantics:
 *
 * <ul>
 *   <li>{@code open()} reads the key synchronously (through the TaskManager's {@linkplain
 *       SharedCoordinator shared coordinator}), so no record is processed without config even when
 *       records overtake the broadcast input, as they usually do at start. It fails, naming the
 *       key, if the key has no stored value and no default.
 *   <li>A version applies to records processed after it arrives, unless the key has an {@linkplain
 *       ConfigKey.Builder#effectiveFrom effective-from time}: then every record with a timestamp at
 *       or after that time is processed with it and every earlier record with the version before,
 *       on every subtask alike, whatever order records and config reach each subtask in, provided
 *       the version reaches each subtask before records of that time do (write it ahead of the
 *       stream; the metric {@code baton.lateConfigSwitches} counts the times it did not).
 *   <li>Versions never go backwards: an older or repeated version is ignored.
 *   <li>Metrics under the {@code baton} group: gauge {@code configVersion} (newest known version),
 *       counter {@code lateConfigSwitches}.
 * </ul>
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

  private final ConfigKey<C> configKey;
  private transient @Nullable ConfigBinding<C> binding;
  private transient @Nullable Versioned<C> inForce;

  /**
   * A function processing records with the values of {@code configKey}.
   *
   * @param configKey the key, as given to the {@link ConfigSource} it is connected to
   */
  protected KeyedDynamicConfigProcessFunction(ConfigKey<C> configKey) {
    this.configKey = Objects.requireNonNull(configKey, "configKey");
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
    ConfigBinding<C> b = new ConfigBinding<>(configKey);
    binding = b;
    b.open(getRuntimeContext());
  }

  @Override
  public final void processElement(IN value, ReadOnlyContext ctx, Collector<OUT> out)
      throws Exception {
    Versioned<C> v = binding().versionFor(ctx.timestamp(), ctx.currentWatermark());
    inForce = v;
    process(value, Objects.requireNonNull(v.value()), ctx, out);
  }

  @Override
  public final void processBroadcastElement(Versioned<C> value, Context ctx, Collector<OUT> out)
      throws Exception {
    if (binding().accept(value, ctx.getBroadcastState(configKey.stateDescriptor()))) {
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
    Versioned<C> v = inForce;
    if (v == null) {
      throw new IllegalStateException("no record of " + configKey + " is being processed");
    }
    return v;
  }

  /**
   * The config version in force at an event time, e.g. a timer's.
   *
   * @param timestamp the event time
   * @return the version in force at {@code timestamp}
   * @throws IllegalStateException before {@code open()}
   */
  protected final Versioned<C> configAt(long timestamp) {
    return binding().versionFor(timestamp, Long.MIN_VALUE);
  }

  /**
   * The TaskManager's shared coordinator, for other Baton calls. Do not close it.
   *
   * @return the connected coordinator
   * @throws IllegalStateException before {@code open()} or after {@code close()}
   */
  protected final Coordinator coordinator() {
    SharedCoordinator ref = binding().baton();
    if (ref == null) {
      throw new IllegalStateException("closed");
    }
    return ref.coordinator();
  }

  /**
   * Releases the shared coordinator. Overriding methods must call it.
   *
   * @throws Exception never from this class
   */
  @Override
  public void close() throws Exception {
    if (binding != null) {
      binding.close();
    }
  }

  private ConfigBinding<C> binding() {
    ConfigBinding<C> b = binding;
    if (b == null) {
      throw new IllegalStateException(
          getClass().getName() + ".open() did not call super.open(): " + configKey + " unread");
    }
    return b;
  }
}
