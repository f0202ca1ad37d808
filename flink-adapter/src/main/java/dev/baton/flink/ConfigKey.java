package dev.baton.flink;

import dev.baton.codec.Codec;
import dev.baton.config.Versioned;
import java.io.Serializable;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.flink.util.function.SerializableSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A Baton config key as Flink operators use it: the key, how its bytes become values, an optional
 * default, an optional "effective from" event time, and the Baton settings. Serializable, so it
 * travels inside the job graph; the codec is made on the TaskManager by a serializable factory.
 *
 * <pre>{@code
 * ConfigKey<Rules> rules = ConfigKey.builder("rules", () -> Codecs.json(Rules.class))
 *     .defaultValue(() -> Rules.NONE)
 *     .effectiveFrom(Rules::effectiveFrom)
 *     .build();
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.flink.examples.DynamicConfigExample}
 * in the test sources.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the value's type
 * @since 0.1
 */
public final class ConfigKey<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final SerializableSupplier<Codec<T>> codec;
  private final @Nullable SerializableSupplier<T> defaultValue;
  private final @Nullable SerializableFunction<T, @Nullable Long> effectiveFrom;
  private final Configuration settings;

  private ConfigKey(Builder<T> b) {
    this.key = b.key;
    this.codec = b.codec;
    this.defaultValue = b.defaultValue;
    this.effectiveFrom = b.effectiveFrom;
    this.settings = new Configuration(b.settings);
  }

  /**
   * Starts describing {@code key}.
   *
   * @param key the config key, e.g. {@code rules} or {@code etl/limits}
   * @param codec makes the codec on the TaskManager (a lambda such as {@code () ->
   *     Codecs.json(Rules.class)})
   * @param <T> the value's type
   * @return the builder
   * @throws IllegalArgumentException if the key is blank
   */
  public static <T> Builder<T> builder(String key, SerializableSupplier<Codec<T>> codec) {
    return new Builder<>(key, codec);
  }

  /** {@return the config key} */
  public String key() {
    return key;
  }

  /** {@return a new codec from the factory} */
  public Codec<T> codec() {
    return Objects.requireNonNull(codec.get(), () -> "codec factory of '" + key + "' gave null");
  }

  /** {@return the default value, or {@code null} if none was given} */
  public @Nullable T defaultValue() {
    return defaultValue == null ? null : defaultValue.get();
  }

  /**
   * When {@code value} takes effect, in event time.
   *
   * @param value a value of this key
   * @return the event time (epoch millis) from which it applies, or empty if it applies as soon as
   *     it arrives (also when no extractor was given)
   */
  public OptionalLong effectiveFrom(T value) {
    if (effectiveFrom == null) {
      return OptionalLong.empty();
    }
    Long t = effectiveFrom.apply(value);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t);
  }

  /** {@return a copy of the Baton settings given in code (may be empty)} */
  public Configuration settings() {
    return new Configuration(settings);
  }

  /**
   * The broadcast-state descriptor that dynamic config functions keep this key's value under: pass
   * it to {@code configStream.broadcast(..)}.
   *
   * @return a descriptor named {@code baton-config:<key>}
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public MapStateDescriptor<String, Versioned<T>> stateDescriptor() {
    TypeInformation<Versioned<T>> type = (TypeInformation) Types.GENERIC(Versioned.class);
    return new MapStateDescriptor<>("baton-config:" + key, Types.STRING, type);
  }

  /**
   * The type of the elements a {@link ConfigSource} of this key emits.
   *
   * @return a generic (Kryo-serialized) type for {@code Versioned<T>}
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public TypeInformation<Versioned<T>> versionedType() {
    return (TypeInformation) Types.GENERIC(Versioned.class);
  }

  @Override
  public String toString() {
    return "ConfigKey{" + key + "}";
  }

  /**
   * Settings of a {@link ConfigKey}. Only the key and the codec factory are required.
   *
   * @param <T> the value's type
   * @since 0.1
   */
  public static final class Builder<T> {
    private final String key;
    private final SerializableSupplier<Codec<T>> codec;
    private @Nullable SerializableSupplier<T> defaultValue;
    private @Nullable SerializableFunction<T, @Nullable Long> effectiveFrom;
    private Configuration settings = new Configuration();

    private Builder(String key, SerializableSupplier<Codec<T>> codec) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("config key must not be blank");
      }
      this.key = key;
      this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * The value while the key has no stored value. Default: none, and an operator fails to open
     * (naming the key) if the key has no stored value.
     *
     * @param value makes the default on the TaskManager
     * @return this builder
     */
    public Builder<T> defaultValue(SerializableSupplier<T> value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /**
     * Where a value says from which event time (epoch millis) it applies. A dynamic config function
     * then processes every record whose timestamp is at or after that time with the new value and
     * every earlier record with the one before, on every subtask alike. Write such a value before
     * the stream reaches that time. Default: none, a value applies when it arrives.
     *
     * @param extractor reads the time from a value; may return {@code null} for "at once"
     * @return this builder
     */
    public Builder<T> effectiveFrom(SerializableFunction<T, @Nullable Long> extractor) {
      this.effectiveFrom = Objects.requireNonNull(extractor, "effectiveFrom");
      return this;
    }

    /**
     * Baton options ({@link BatonOptions}) given in code; they win over job parameters and {@code
     * config.yaml}. Default: none.
     *
     * @param settings the options
     * @return this builder
     */
    public Builder<T> settings(Configuration settings) {
      this.settings = new Configuration(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    /** {@return the immutable key description} */
    public ConfigKey<T> build() {
      return new ConfigKey<>(this);
    }
  }
}
