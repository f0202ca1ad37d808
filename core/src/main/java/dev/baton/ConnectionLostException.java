package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the connection to ZooKeeper was lost or did not come back within the operation's
 * time; the operation's outcome on the server may be unknown.
 *
 * @since 0.1
 */
public class ConnectionLostException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public ConnectionLostException(@Nullable String path, String message, @Nullable Throwable cause) {
    super(path, message, cause);
  }

  /**
   * Creates the exception without an underlying cause.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   */
  public ConnectionLostException(@Nullable String path, String message) {
    super(path, message, null);
  }
}
