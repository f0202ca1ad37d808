package dev.baton.flink;

import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A stream of a Baton config key's values: one {@link Versioned} record per change, starting with
 * the current value, pushed by a ZooKeeper watch (no polling). Broadcast it into a {@link
 * DynamicConfigProcessFunction} or {@link KeyedDynamicConfigProcessFunction}.
 *
 * <pre>{@code
 * ConfigKey<Rules> rules = ConfigKey.builder("rules", () -> Codecs.json(Rules.class)).build();
 * BroadcastStream<Versioned<Rules>> ruleUpdates =
 *     env.fromSource(new ConfigSource<>(rules), WatermarkStrategy.noWatermarks(), "rules")
 *         .setParallelism(1)
 *         .broadcast(rules.stateDescriptor());
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flink.examples.DynamicConfigExample}
 * in the test sources.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Run it at parallelism 1: the key is one split, and readers beyond the first finish at once.
 *   <li>It marks its output idle whenever it has nothing to emit, so the quiet config input never
 *       holds back the event time of the operator it feeds.
 *   <li>ZooKeeper keeps only a key's latest value: after a restore the reader emits the current
 *       value, so downstream jumps from the checkpointed version to the current one, skipping any
 *       in between. Intermediate versions may also be skipped when changes come faster than the
 *       watch reads them; the last one is always emitted.
 *   <li>A deleted key emits the key's default ({@link Versioned.Source#DEFAULT}); a value that
 *       fails to decode is not emitted (the last good value stays).
 * </ul>
 *
 * <p>For every key under a prefix, use {@link ConfigGroupSource}.
 *
 * @param <T> the value's type
 * @since 0.1
 */
public final class ConfigSource<T>
    implements Source<Versioned<T>, ConfigSplit, Boolean>, ResultTypeQueryable<Versioned<T>> {
  private static final long serialVersionUID = 1L;

  private final ConfigKey<T> key;

  /**
   * A source of {@code key}'s values.
   *
   * @param key the key, its codec, default and settings
   */
  public ConfigSource(ConfigKey<T> key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** {@return {@link Boundedness#CONTINUOUS_UNBOUNDED}: a config stream never ends} */
  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  /**
   * {@inheritDoc}
   *
   * @param readerContext the reader's context
   * @return a reader that opens a watch when it gets the key's split
   */
  @Override
  public SourceReader<Versioned<T>, ConfigSplit> createReader(SourceReaderContext readerContext) {
    return new ConfigReader<>(new KeyFeed<>(key), readerContext);
  }

  /**
   * {@inheritDoc}
   *
   * @param enumContext the enumerator's context
   * @return an enumerator that gives the key's split to reader 0
   */
  @Override
  public SplitEnumerator<ConfigSplit, Boolean> createEnumerator(
      SplitEnumeratorContext<ConfigSplit> enumContext) {
    return new ConfigEnumerator(enumContext, key.key(), false);
  }

  /**
   * {@inheritDoc}
   *
   * @param enumContext the enumerator's context
   * @param checkpoint whether the split was with a reader
   * @return the enumerator
   */
  @Override
  public SplitEnumerator<ConfigSplit, Boolean> restoreEnumerator(
      SplitEnumeratorContext<ConfigSplit> enumContext, Boolean checkpoint) {
    return new ConfigEnumerator(enumContext, key.key(), checkpoint);
  }

  /** {@return the split serializer} */
  @Override
  public SimpleVersionedSerializer<ConfigSplit> getSplitSerializer() {
    return new ConfigSplit.Serializer();
  }

  /** {@return the enumerator checkpoint serializer} */
  @Override
  public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
    return new ConfigSplit.AssignedSerializer();
  }

  /** {@return the type of {@code Versioned<T>}} */
  @Override
  public TypeInformation<Versioned<T>> getProducedType() {
    return key.versionedType();
  }
}
