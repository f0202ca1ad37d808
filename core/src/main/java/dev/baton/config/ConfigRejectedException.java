package dev.baton.config;

import dev.baton.CoordinationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value is refused before it is written: it does not survive its own codec, or a
 * validator registered for the key refuses it. Nothing was written.
 *
 * @since 0.1
 */
public class ConfigRejectedException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param key the config key
   * @param message why the value was refused
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigRejectedException(String key, String message, @Nullable Throwable cause) {
    super(key, message, cause);
  }
}
