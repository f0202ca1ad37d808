package dev.baton.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A config value with where it came from: the decoded value, the ZooKeeper version and modification
 * zxid of the node it was read from, and whether it was stored or is the default.
 *
 * <p>Order versions of one key by {@link #mzxid()}, not by {@link #version()}: a key deleted and
 * created again starts over at version 0, while every modification gets a larger zxid.
 *
 * @param value the value; {@code null} only when {@code source} is {@link Source#DEFAULT} and no
 *     default value was given
 * @param version the node's data version ({@code Stat.getVersion()}), or {@link #NO_VERSION} for
 *     the default
 * @param mzxid the zxid of the write that stored this value ({@code Stat.getMzxid()}), or {@code 0}
 *     for the default
 * @param source whether the value was read from ZooKeeper or is the default
 * @param <T> the value's type
 * @since 0.1
 */
public record Versioned<T>(@Nullable T value, int version, long mzxid, Source source) {
  /** The version of a default value, which was never stored. */
  public static final int NO_VERSION = -1;

  /** Where a value came from. */
  public enum Source {
    /** The key has no stored value (never written, deleted or empty): this is the default. */
    DEFAULT,
    /** The value was read from the key's node. */
    STORED
  }

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if a stored value is null or has a negative version, or a
   *     default carries a version
   */
  public Versioned {
    Objects.requireNonNull(source, "source");
    if (source == Source.STORED && (value == null || version < 0)) {
      throw new IllegalArgumentException(
          "a stored value needs a value and a version >= 0, was " + value + " v" + version);
    }
    if (source == Source.DEFAULT && (version != NO_VERSION || mzxid != 0)) {
      throw new IllegalArgumentException(
          "a default value has no version or zxid, was v" + version + " zxid " + mzxid);
    }
  }

  /**
   * A stored value.
   *
   * @param value the value
   * @param version the node's data version
   * @param mzxid the node's modification zxid
   * @param <T> the value's type
   * @return the versioned value
   */
  public static <T> Versioned<T> stored(T value, int version, long mzxid) {
    return new Versioned<>(Objects.requireNonNull(value, "value"), version, mzxid, Source.STORED);
  }

  /**
   * The default value of a key that has no stored value.
   *
   * @param value the default, or {@code null} when there is none
   * @param <T> the value's type
   * @return the versioned default
   */
  public static <T> Versioned<T> ofDefault(@Nullable T value) {
    return new Versioned<>(value, NO_VERSION, 0, Source.DEFAULT);
  }

  /** {@return whether this value was read from ZooKeeper} */
  public boolean isStored() {
    return source == Source.STORED;
  }
}
