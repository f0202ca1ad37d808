package dev.baton;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a lease or leadership that guards an operation is no longer held. Usually the guarded
 * operation was refused and changed nothing; but if the holding was lost while the reply to an
 * attempt was outstanding and the server's state cannot tell whether that attempt landed, {@link
 * #outcomeUnknown()} is true and the message says so: the write may or may not have landed.
 *
 * @since 0.1
 */
public class LeaseLostException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  private final boolean outcomeUnknown;

  /**
   * Creates the exception.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   */
  public LeaseLostException(@Nullable String path, String message, @Nullable Throwable cause) {
    this(path, message, cause, false);
  }

  private LeaseLostException(
      @Nullable String path, String message, @Nullable Throwable cause, boolean outcomeUnknown) {
    super(path, message, cause);
    this.outcomeUnknown = outcomeUnknown;
  }

  /**
   * The holding was lost while a guarded write's reply was outstanding, and the server's state
   * cannot tell whether the write landed.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong; should say that the outcome is unknown
   * @param cause the underlying failure, or {@code null}
   * @return the exception, with {@link #outcomeUnknown()} true
   * @since 0.1
   */
  public static LeaseLostException outcomeUnknown(
      @Nullable String path, String message, @Nullable Throwable cause) {
    return new LeaseLostException(path, message, cause, true);
  }

  /**
   * Whether the guarded operation may have landed: {@code false} (the usual case) means it was
   * refused and nothing was written; {@code true} means the holding was lost while its reply was
   * outstanding and the server's state cannot tell whether it landed, so read before writing again.
   *
   * @return whether the outcome is unknown
   * @since 0.1
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  /**
   * Creates the exception without an underlying cause.
   *
   * @param path the path or key involved, or {@code null}
   * @param message what went wrong
   */
  public LeaseLostException(@Nullable String path, String message) {
    this(path, message, null, false);
  }
}
