package dev.baton.config;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
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
   * Removes the persistent watches this session holds on {@code rawPath}, on the server too.
   * Removing one watcher object ({@code removeWatches}) only checks the server's side, which keeps
   * the watch until the connection closes; the registry guarantees that among Baton's recipes ours
   * is the only persistent watcher on the path. Only the persistent type is removed: one-shot and
   * recursive watches that an application placed on the path through the shared client survive.
   */
  static void remove(@Nullable ZooKeeper zk, String rawPath, String subject) {
    if (zk == null) {
      return;
    }
    try {
      zk.removeAllWatches(rawPath, WatcherType.Persistent, false);
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

  /**
   * Drops one watcher object from the client only, for a watcher that shares the path's server
   * watch with others still open: the client stops holding and calling it, the server watch stays.
   */
  static void removeOwn(@Nullable ZooKeeper zk, String rawPath, Watcher watcher, String subject) {
    if (zk == null) {
      return;
    }
    try {
      zk.removeWatches(rawPath, watcher, WatcherType.Persistent, true);
    } catch (KeeperException.NoWatcherException e) {
      // Gone with an expired session.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KeeperException e) {
      LOG.debug("Config '{}': local watch removal failed", subject, e);
    }
  }

  /** Whether a failed read may heal with a reconnect (the resync re-reads) or is worth a WARN. */
  static boolean isConnectionTrouble(KeeperException.@Nullable Code code) {
    return code == KeeperException.Code.CONNECTIONLOSS
        || code == KeeperException.Code.SESSIONEXPIRED
        || code == KeeperException.Code.SESSIONMOVED
        || code == KeeperException.Code.OPERATIONTIMEOUT;
  }

  private static void removeLocally(ZooKeeper zk, String rawPath, String subject) {
    try {
      zk.removeAllWatches(rawPath, WatcherType.Persistent, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KeeperException e) {
      LOG.debug("Config '{}': local watch removal failed", subject, e);
    }
  }
}
