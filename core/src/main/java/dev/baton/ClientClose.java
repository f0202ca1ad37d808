package dev.baton;

import dev.baton.internal.NamedThreads;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of a coordinator's close: closing its own client without hanging. ZooKeeper's close
 * waits for the server to confirm the end of the session, with no timeout, which during a silent
 * partition lasts until the client's own read timeout. Interrupted, it drops the connection at
 * once; the server then expires the session after its timeout.
 */
final class ClientClose {
  private static final Logger LOG = LoggerFactory.getLogger(ClientClose.class);

  private static final Duration INTERRUPTED_WAIT = Duration.ofMillis(100);

  private ClientClose() {}

  /**
   * Closes {@code client} on a thread of its own, waiting at most {@code bound} for the server's
   * confirmation before dropping the connection.
   */
  static void close(CuratorFramework client, Duration bound) {
    Thread closer = NamedThreads.of("close").newThread(client::close);
    closer.start();
    try {
      closer.join(bound.toMillis());
      if (closer.isAlive()) {
        LOG.info(
            "ZooKeeper did not confirm the end of the session within {}; dropping the connection"
                + " (the server expires the session)",
            bound);
        closer.interrupt();
        // Interrupted, it drops the connection at once; the rest of Curator's close (stopping
        // its executors) needs no server and may finish on its own thread after we return.
        closer.join(INTERRUPTED_WAIT.toMillis());
      }
    } catch (InterruptedException e) {
      closer.interrupt();
      Thread.currentThread().interrupt();
    }
    if (closer.isAlive()) {
      // Expected during a partition and harmless otherwise (Curator gives its own executors up to
      // a second to stop): the close is bounded for the caller and finishes on its own thread.
      LOG.info("The Curator client is still closing in the background");
    }
  }
}
