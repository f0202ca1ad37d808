package dev.baton.codec;

import dev.baton.CoordinationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when the stored bytes of a key cannot be decoded with the key's codec. The message names
 * the key, the ZooKeeper version of the bytes, the codec and the reason, for example {@code etl:
 * version 7 is not valid int: 'fast' is not a decimal integer}.
 *
 * @since 0.1
 */
public class DecodeException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final int version;
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param key the config key
   * @param version the ZooKeeper version of the bytes that failed
   * @param codec the codec's {@linkplain Codec#describe() description}
   * @param reason why decoding failed
   * @param cause the codec's exception, or {@code null}
   */
  public DecodeException(
      String key, int version, String codec, String reason, @Nullable Throwable cause) {
    super(key, "version " + version + " is not valid " + codec + ": " + reason, cause);
    this.key = key;
    this.version = version;
    this.reason = reason;
  }

  /** {@return the config key whose bytes failed to decode} */
  public String key() {
    return key;
  }

  /** {@return the ZooKeeper version of the bytes that failed to decode} */
  public int version() {
    return version;
  }

  /** {@return why decoding failed, without the key and version} */
  public String reason() {
    return reason;
  }
}
