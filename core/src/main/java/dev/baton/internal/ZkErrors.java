package dev.baton.internal;

import dev.baton.AccessDeniedException;
import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.PayloadTooLargeException;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/** Turns the exceptions of ZooKeeper and Curator into Baton's unchecked family. */
public final class ZkErrors {
  private ZkErrors() {}

  /**
   * Translates a failure of an operation on {@code path}. An {@link InterruptedException} restores
   * the thread's interrupt flag before it is wrapped.
   *
   * @param path the path or key the operation was about
   * @param action what was attempted, e.g. {@code "read"}
   * @param e the failure
   * @return the exception to throw
   */
  public static CoordinationException translate(@Nullable String path, String action, Throwable e) {
    if (e instanceof CoordinationException ce) {
      return ce;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new CoordinationException(path, action + " interrupted", e);
    }
    if (e instanceof KeeperException ke) {
      switch (ke.code()) {
        case NOAUTH:
        case AUTHFAILED:
          return new AccessDeniedException(
              path, action + " denied: the session's credentials do not permit it", e);
        case CONNECTIONLOSS:
        case SESSIONEXPIRED:
        case SESSIONMOVED:
        case OPERATIONTIMEOUT:
          return new ConnectionLostException(
              path, action + " failed: " + ke.code() + " (outcome on the server unknown)", e);
        default:
          return new CoordinationException(path, action + " failed: " + ke.code(), e);
      }
    }
    if (e instanceof java.io.IOException && String.valueOf(e.getMessage()).contains("Packet len")) {
      return new PayloadTooLargeException(path, action + " failed: " + e.getMessage(), e);
    }
    return new CoordinationException(path, action + " failed: " + e, e);
  }
}
