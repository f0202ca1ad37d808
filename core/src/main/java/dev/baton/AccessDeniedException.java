package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the session's credentials do not permit the operation on the path (ZooKeeper's NOAUTH
 * or an authentication failure).
 *
 * @since 0.1
 */
public class AccessDeniedException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public AccessDeniedException(@Nullable String path, String message, @Nullable Throwable cause) {
    super(path, message, cause);
  }

  /**
   * Creates the exception without an underlying cause.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   */
  public AccessDeniedException(@Nullable String path, String message) {
    super(path, message, null);
  }
}
