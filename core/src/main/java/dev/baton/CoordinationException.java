package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Root of Baton's unchecked exception family: a coordination operation failed for a reason that is
 * not the caller's argument (arguments are checked up front: a null one is rejected with a {@link
 * NullPointerException} naming the parameter, an invalid one with an {@link
 * IllegalArgumentException} naming the value and the rule it breaks).
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
  private final String reason;

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
    this.reason = message;
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

  /**
   * What went wrong, without the path: the message minus its {@code "<path>: "} prefix. For
   * wrapping this exception in one about another path without naming this path twice.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
