package dev.baton.config;

import dev.baton.codec.Codec;
import java.util.Objects;

/**
 * One typed write of a {@link ConfigStore#putAll(java.util.List)} batch: a key, its codec, the
 * value, and optionally the version the key must have for the batch to apply.
 *
 * <pre>{@code
 * store.putAll(List.of(
 *     ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
 *     ConfigEntry.ifVersion("etl/flush", Codecs.ofDuration(), 3, Duration.ofSeconds(10))));
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * @param key the config key
 * @param codec how to encode the value
 * @param value the value
 * @param expectedVersion the version the key must have, {@link ConfigStore#ABSENT} if it must not
 *     exist, or {@link #ANY_VERSION} for no condition
 * @param <T> the value's type
 * @since 0.1
 */
public record ConfigEntry<T>(String key, Codec<T> codec, T value, int expectedVersion) {
  /** No condition on the key's current version. */
  public static final int ANY_VERSION = -2;

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if the key is invalid or the expected version is below {@link
   *     #ANY_VERSION}
   */
  public ConfigEntry {
    Layout.checkKey(key);
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(value, "value");
    if (expectedVersion < ANY_VERSION) {
      throw new IllegalArgumentException(
          "expected version of '"
              + key
              + "' must be >= 0, ABSENT or ANY_VERSION, was "
              + expectedVersion);
    }
  }

  /**
   * An unconditional write.
   *
   * @param key the config key
   * @param codec how to encode the value
   * @param value the value
   * @param <T> the value's type
   * @return the entry
   */
  public static <T> ConfigEntry<T> of(String key, Codec<T> codec, T value) {
    return new ConfigEntry<>(key, codec, value, ANY_VERSION);
  }

  /**
   * A write that applies only if the key has {@code expectedVersion}; otherwise the whole batch
   * fails with {@link ConfigConflictException}.
   *
   * @param key the config key
   * @param codec how to encode the value
   * @param expectedVersion the version the key must have, or {@link ConfigStore#ABSENT}
   * @param value the value
   * @param <T> the value's type
   * @return the entry
   */
  public static <T> ConfigEntry<T> ifVersion(
      String key, Codec<T> codec, int expectedVersion, T value) {
    if (expectedVersion < ConfigStore.ABSENT) {
      throw new IllegalArgumentException(
          "expected version of '" + key + "' must be >= 0 or ABSENT, was " + expectedVersion);
    }
    return new ConfigEntry<>(key, codec, value, expectedVersion);
  }
}
