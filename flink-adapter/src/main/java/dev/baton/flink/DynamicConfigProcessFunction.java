package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A broadcast process function whose records are processed with a live Baton config value: extend
 * it, implement {@link #process}, and connect it to the broadcast {@link ConfigSource} of the same
 * key.
 *
 * <pre>{@code
 * class Filter extends DynamicConfigProcessFunction<Event, Rules, Event> {
 *   Filter(ConfigKey<Rules> rules) {
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
 * events.connect(ruleUpdates).process(new Filter(rules));
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
 * <p>Subclasses that override {@link #open} or {@link #close} must call {@code super}.
 *
 * @param <IN> the records' type
 * @param <C> the config value's type
 * @param <OUT> the output's type
 * @since 0.1
 */
public abstract class DynamicConfigProcessFunction<IN, C, OUT>
    extends BroadcastProcessFunction<IN, Versioned<C>, OUT> {
  private static final long serialVersionUID = 1L;

  private final ConfigBinding<C> binding;

  /**
   * A function processing records with the values of {@code configKey}.
   *
   * @param configKey the key, as given to the {@link ConfigSource} it is connected to
   */
  protected DynamicConfigProcessFunction(ConfigKey<C> configKey) {
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
