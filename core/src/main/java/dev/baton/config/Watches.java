package dev.baton.config;

import dev.baton.internal.WatchUsers;
import java.util.concurrent.CompletableFuture;
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
   * Removes the persistent watches this session holds on {@code rawPath}, on the server too,
   * without waiting (see {@link WatchUsers#removeAll}); the registry guarantees that among Baton's
   * recipes ours is the only persistent watcher on the path. Only the persistent type is removed:
   * one-shot and recursive watches that an application placed on the path through the shared client
   * survive.
   *
   * @return completes when the server answered, or the connection was found down
   */
  static CompletableFuture<Void> remove(@Nullable ZooKeeper zk, String rawPath, String subject) {
    LOG.debug("Config '{}': removing the watch on {}", subject, rawPath);
    return WatchUsers.removeAll(zk, rawPath, WatcherType.Persistent);
  }

  /**
   * Drops one watcher object from the client only, for a watcher that shares the path's server
   * watch with others still open: the client stops holding and calling it, the server watch stays.
   */
  static void removeOwn(@Nullable ZooKeeper zk, String rawPath, Watcher watcher, String subject) {
    LOG.debug("Config '{}': unhooking a watcher of {}", subject, rawPath);
    WatchUsers.removeOwn(zk, rawPath, watcher, WatcherType.Persistent);
  }

  /** Whether a failed read may heal with a reconnect (the resync re-reads) or is worth a WARN. */
  static boolean isConnectionTrouble(KeeperException.@Nullable Code code) {
    return code == KeeperException.Code.CONNECTIONLOSS
        || code == KeeperException.Code.SESSIONEXPIRED
        || code == KeeperException.Code.SESSIONMOVED
        || code == KeeperException.Code.OPERATIONTIMEOUT;
  }
}
