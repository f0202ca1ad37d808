package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a lease or leadership that guards an operation is no longer held, so the guarded
 * operation was refused and changed nothing.
 *
 * @since 0.1
 */
public class LeaseLostException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public LeaseLostException(@Nullable String path, String message, @Nullable Throwable cause) {
    super(path, message, cause);
  }

  /**
   * Creates the exception without an underlying cause.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   */
  public LeaseLostException(@Nullable String path, String message) {
    super(path, message, null);
  }
}
