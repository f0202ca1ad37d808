package dev.baton.config;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.WatcherType;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Removal of a config watch from the server. */
final class Watches {
  private static final Logger LOG = LoggerFactory.getLogger(Watches.class);

  private Watches() {}

  /**
   * Removes every watch this session holds on {@code rawPath}, on the server too. Removing one
   * watcher object ({@code removeWatches}) only checks the server's side, which keeps the watch
   * until the connection closes; the registry guarantees ours is the only watcher on the path.
   */
  static void remove(@Nullable ZooKeeper zk, String rawPath, String subject) {
    if (zk == null) {
      return;
    }
    try {
      zk.removeAllWatches(rawPath, WatcherType.Any, false);
    } catch (KeeperException.NoWatcherException e) {
      // Gone with an expired session.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      removeLocally(zk, rawPath, subject);
    } catch (KeeperException e) {
      // Not connected: dropping it locally is enough, the server forgets it with the connection.
      removeLocally(zk, rawPath, subject);
    }
  }

  private static void removeLocally(ZooKeeper zk, String rawPath, String subject) {
    try {
      zk.removeAllWatches(rawPath, WatcherType.Any, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KeeperException e) {
      LOG.debug("Config '{}': local watch removal failed", subject, e);
    }
  }
}
