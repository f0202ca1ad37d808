package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a value is larger than ZooKeeper accepts (jute.maxbuffer, 1 MB by default); nothing
 * was written.
 *
 * @since 0.1
 */
public class PayloadTooLargeException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public PayloadTooLargeException(
      @Nullable String path, String message, @Nullable Throwable cause) {
    super(path, message, cause);
  }

  /**
   * Creates the exception without an underlying cause.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   */
  public PayloadTooLargeException(@Nullable String path, String message) {
    super(path, message, null);
  }
}
