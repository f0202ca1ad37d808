package dev.baton.config;

import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent watch of a key watch or a group watch, and the handle it was added on. Added again
 * after every reconnect until the server confirms it on the session: a watch whose {@code addWatch}
 * was lost with a connection is not in the client's watch manager, so the client does not restore
 * it on the next connection, and without this the watcher stays deaf for the rest of the session.
 * Once confirmed, the client itself restores it on each new connection of the session. Shared by
 * the key watch and the group watch.
 *
 * <p>Thread-safe.
 */
final class PersistentWatch {
  private static final Logger LOG = LoggerFactory.getLogger(PersistentWatch.class);

  private final String rawPath;
  private final Watcher watcher;
  private final String subject; // for logs: "config 'x'" or "config group 'y'"
  private volatile @Nullable ZooKeeper handle;
  private volatile boolean confirmed;

  PersistentWatch(String rawPath, Watcher watcher, String subject) {
    this.rawPath = rawPath;
    this.watcher = watcher;
    this.subject = subject;
  }

  /** The handle the watch was last added on, or null if never. */
  @Nullable ZooKeeper handle() {
    return handle;
  }

  /** Adds the watch and waits for the server's answer. */
  void add(ZooKeeper zk) throws KeeperException, InterruptedException {
    zk.addWatch(rawPath, watcher, AddWatchMode.PERSISTENT);
    confirmed = true;
    handle = zk;
  }

  /**
   * After a reconnect: adds the watch again, without waiting, if the session or handle is new or
   * the server never confirmed it, followed by a {@code sync}, so that a lagging member cannot
   * answer the caller's next read with state older than what it already saw.
   */
  void resync(ZooKeeper zk, boolean newSession) {
    if (newSession || zk != handle || !confirmed) {
      confirmed = false;
      zk.addWatch(rawPath, watcher, AddWatchMode.PERSISTENT, this::onAdded, null);
      zk.sync(rawPath, (rc, p, c) -> {}, null);
      handle = zk;
    }
  }

  private void onAdded(int rc, String path, Object ctx) {
    // A failure reaches this callback before the reconnect that follows it reaches resync().
    confirmed = rc == 0;
    if (rc != 0) {
      KeeperException.Code code = KeeperException.Code.get(rc);
      if (Watches.isConnectionTrouble(code)) {
        LOG.info("{}: adding the watch failed ({}); added again on reconnect", subject, code);
      } else {
        LOG.warn("{}: adding the watch failed ({}); added again on reconnect", subject, code);
      }
    }
  }
}
