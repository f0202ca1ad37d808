package dev.baton.config;

import java.util.Objects;

/**
 * A stored version of a key that a watcher refused: its bytes did not decode with the watcher's
 * codec, or the decoded value failed the watcher's validator. The watcher keeps its last good
 * value.
 *
 * @param key the config key
 * @param version the ZooKeeper version of the refused bytes
 * @param mzxid the zxid of the write that stored them
 * @param stage whether decoding or validation refused them
 * @param reason why, in words an operator understands
 * @param length the number of bytes refused
 * @since 0.1
 */
public record ConfigRejection(
    String key, int version, long mzxid, Stage stage, String reason, int length) {
  /** Which check refused a version. */
  public enum Stage {
    /** The bytes are not a valid encoding for the watcher's codec. */
    DECODE,
    /** The value decoded but the validator refused it. */
    VALIDATION
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a reference component is null
   */
  public ConfigRejection {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * A one-line description naming the key, the version and the cause, e.g. {@code config 'etl'
   * version 7 rejected (validation, 48 bytes): batchSize must be positive}.
   *
   * @return the message
   */
  public String message() {
    return "config '"
        + key
        + "' version "
        + version
        + " rejected ("
        + stage.name().toLowerCase(java.util.Locale.ROOT)
        + ", "
        + length
        + " bytes): "
        + reason;
  }
}
