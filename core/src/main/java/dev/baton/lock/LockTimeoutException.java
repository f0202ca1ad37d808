package dev.baton.lock;

import dev.baton.CoordinationException;

/**
 * Thrown by {@link DistributedLock#acquire(java.time.Duration)} when the lock could not be acquired
 * in time. Nothing is left held.
 *
 * @since 0.1
 */
public class LockTimeoutException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param path the lock's path
   * @param message what timed out
   */
  public LockTimeoutException(String path, String message) {
    super(path, message);
  }
}
