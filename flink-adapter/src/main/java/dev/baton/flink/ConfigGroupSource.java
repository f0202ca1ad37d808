package dev.baton.flink;

import dev.baton.codec.Codec;
import dev.baton.config.Versioned;
import java.util.Objects;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * A stream of the changes of a Baton config group (the keys {@code <prefix>/<name>}, see {@link
 * dev.baton.config.ConfigGroup}): one {@link ConfigChange} per changed key, carrying the key, its
 * value and version, or a deletion marker; starting with every key the group has. Pushed by a
 * ZooKeeper watch (no polling). Broadcast it and keep the group in broadcast state with {@link
 * ConfigChange#applyTo}.
 *
 * <pre>{@code
 * ConfigGroupSource<String> limits =
 *     new ConfigGroupSource<>("limits", Codecs::ofString, baton);
 * BroadcastStream<ConfigChange<String>> limitUpdates =
 *     env.fromSource(limits, WatermarkStrategy.noWatermarks(), "limits")
 *         .setParallelism(1)
 *         .broadcast(limits.stateDescriptor());
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flink.examples.ConfigGroupExample} in
 * the test sources.
 *
 * <p>Semantics, as for {@link ConfigSource}:
 *
 * <ul>
 *   <li>Run it at parallelism 1: the group is one split, and readers beyond the first finish at
 *       once.
 *   <li>It marks its output idle whenever it has nothing to emit.
 *   <li>The keys of one {@code putAll} arrive together, one record each, with the same {@link
 *       ConfigChange#generation()}.
 *   <li>After a restore the reader reads the current group again: it emits every present key, and a
 *       deletion for every key it had emitted as present before the checkpoint that is gone now.
 *       Intermediate versions may be skipped, in a restore as when changes come fast; the last one
 *       of each key always arrives.
 *   <li>A value that fails to decode is not emitted (the last good value of that key stays).
 * </ul>
 *
 * @param <T> the values' type (one codec for every key of the group)
 * @since 0.1
 */
public final class ConfigGroupSource<T>
    implements Source<ConfigChange<T>, ConfigSplit, Boolean>, ResultTypeQueryable<ConfigChange<T>> {
  private static final long serialVersionUID = 1L;

  private final String prefix;
  private final SerializableSupplier<Codec<T>> codec;
  private final Configuration settings;

  /**
   * A source of the changes of the group {@code prefix}.
   *
   * @param prefix the group's prefix, e.g. {@code limits} for the keys {@code limits/<name>}
   * @param codec makes the codec on the TaskManager (a method reference such as {@code
   *     Codecs::ofString})
   * @param settings the Baton settings ({@link BatonOptions}); source readers see no job
   *     parameters, so pass them here or put them in the TaskManager's configuration
   * @throws IllegalArgumentException if the prefix is blank
   */
  public ConfigGroupSource(
      String prefix, SerializableSupplier<Codec<T>> codec, Configuration settings) {
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("config group prefix must not be blank");
    }
    this.prefix = prefix;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.settings = new Configuration(Objects.requireNonNull(settings, "settings"));
  }

  /** {@return the group's prefix} */
  public String prefix() {
    return prefix;
  }

  Codec<T> codec() {
    return Objects.requireNonNull(codec.get(), () -> "codec factory of '" + prefix + "' gave null");
  }

  Configuration settings() {
    return new Configuration(settings);
  }

  /**
   * A broadcast-state descriptor to keep the group under, by full key: pass it to {@code
   * broadcast(..)} and to {@link ConfigChange#applyTo}.
   *
   * @return a descriptor named {@code baton-config-group:<prefix>}
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public MapStateDescriptor<String, Versioned<T>> stateDescriptor() {
    TypeInformation<Versioned<T>> type = (TypeInformation) Types.GENERIC(Versioned.class);
    return new MapStateDescriptor<>("baton-config-group:" + prefix, Types.STRING, type);
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
   * @return a reader that watches the group when it gets the group's split
   */
  @Override
  public SourceReader<ConfigChange<T>, ConfigSplit> createReader(
      SourceReaderContext readerContext) {
    return new ConfigReader<>(new GroupFeed<>(this), readerContext);
  }

  /**
   * {@inheritDoc}
   *
   * @param enumContext the enumerator's context
   * @return an enumerator that gives the group's split to reader 0
   */
  @Override
  public SplitEnumerator<ConfigSplit, Boolean> createEnumerator(
      SplitEnumeratorContext<ConfigSplit> enumContext) {
    return new ConfigEnumerator(enumContext, prefix, false);
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
    return new ConfigEnumerator(enumContext, prefix, checkpoint);
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

  /** {@return the type of {@code ConfigChange<T>}} */
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeInformation<ConfigChange<T>> getProducedType() {
    return (TypeInformation) Types.GENERIC(ConfigChange.class);
  }
}
