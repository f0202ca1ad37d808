package dev.baton.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;

/**
 * The connections a {@link ZooKeeperExtension} opened for the current test (clients, relays),
 * closed after it, newest first. Used from the test's thread.
 */
final class TestConnections {
  private final Deque<AutoCloseable> open = new ArrayDeque<>();

  /** {@return {@code resource}, to be closed after the current test} */
  <T extends AutoCloseable> T add(T resource) {
    open.push(resource);
    return resource;
  }

  /**
   * Closes everything added, newest first, even when one fails.
   *
   * @throws Exception the first failure, with the later ones suppressed
   */
  void closeAll() throws Exception {
    Exception failure = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * {@return a started Curator client of {@code connectString} that retries forever, with {@code
   * timeout} as its session and connection timeouts}
   */
  static CuratorFramework curator(String connectString, Duration timeout) {
    CuratorFramework c =
        CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) timeout.toMillis())
            .connectionTimeoutMs((int) timeout.toMillis())
            .retryPolicy(new RetryForever(50))
            .build();
    c.start();
    return c;
  }
}
