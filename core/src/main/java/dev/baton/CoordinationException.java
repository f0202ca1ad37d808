package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Root of Baton's unchecked exception family: a coordination operation failed for a reason that is
 * not the caller's argument (arguments are checked up front and rejected with {@link
 * IllegalArgumentException}).
 *
 * <p>Every message names the ZooKeeper path (relative to the coordinator's namespace) or the key
 * involved, and the cause. Subclasses narrow the cause: {@link AccessDeniedException}, {@link
 * PayloadTooLargeException}, {@link LeaseLostException}, {@link ConnectionLostException}.
 *
 * @since 0.1
 */
public class CoordinationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String path;

  /**
   * Creates an exception about {@code path}.
   *
   * @param path the path or key involved, or {@code null} when none applies
   * @param message what went wrong, in words an operator understands
   * @param cause the underlying failure, or {@code null}
   */
  public CoordinationException(@Nullable String path, String message, @Nullable Throwable cause) {
    super(path == null ? message : path + ": " + message, cause);
    this.path = path;
  }

  /**
   * Creates an exception about {@code path} without an underlying cause.
   *
   * @param path the path or key involved, or {@code null} when none applies
   * @param message what went wrong
   */
  public CoordinationException(@Nullable String path, String message) {
    this(path, message, null);
  }

  /**
   * The path or key this exception is about.
   *
   * @return the path, or {@code null} when the failure concerns no single path
   */
  public @Nullable String path() {
    return path;
  }
}
