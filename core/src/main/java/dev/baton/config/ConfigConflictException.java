package dev.baton.config;

import dev.baton.CoordinationException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a write conditioned on a version found another: an entry of {@link
 * ConfigStore#putAll} with an expected version that no longer holds, or an {@link
 * ConfigStore#update} that lost every one of its compare-and-set attempts. Nothing was written.
 *
 * @since 0.1
 */
public class ConfigConflictException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param key the config key whose version did not match
   * @param message what was expected
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigConflictException(String key, String message, @Nullable Throwable cause) {
    super(key, message, cause);
  }
}
