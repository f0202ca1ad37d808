package dev.baton.config;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.internal.ZkErrors;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one persistent watch of a key within a coordinator, shared by every {@link ConfigWatcher} of
 * that key: one watch on the server and one {@code getData} per change, however many watchers.
 *
 * <p>The watch event triggers the read directly on ZooKeeper's event thread, and the read's
 * callback decodes and hands the result to each watcher's listeners: the only thread hand-off is
 * the one to the listener executor. At most one read is in flight; events that arrive meanwhile
 * cause one more read when it completes, so bursts of writes coalesce. Results are applied in the
 * order ZooKeeper answers (one session answers in order) and, across sessions, only if their mzxid
 * is newer than the last one seen.
 */
final class KeyWatch implements Watcher, ConfigRegistry.Resyncable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyWatch.class);

  final String key;
  private final ConfigRegistry registry;
  private final CuratorFramework client;
  private final String rawPath;
  private final CopyOnWriteArrayList<WatcherImpl<?>> watchers = new CopyOnWriteArrayList<>();

  /** Completes when {@link #open()} returned (exceptionally if it threw). */
  final CompletableFuture<Void> opened = new CompletableFuture<>();

  // Guarded by this: the read machinery and the latest state.
  private final ReadCoalescer reads = new ReadCoalescer();
  private @Nullable Node latest;
  private volatile @Nullable ZooKeeper handle;
  // Whether the server confirmed the watch on this session. Until it does, every reconnect adds it
  // again: once confirmed, the client itself restores it on each new connection of the session.
  private volatile boolean watchConfirmed;
  private volatile boolean closed;

  KeyWatch(ConfigRegistry registry, String key) {
    this.registry = registry;
    this.key = key;
    this.client = registry.client;
    this.rawPath = Layout.raw(client, Layout.valuePath(key));
  }

  /**
   * Adds the watch and reads once, synchronously; if not connected, the first connect does it.
   *
   * @throws CoordinationException if the watch cannot be added or the key cannot be read for a
   *     reason other than the connection ({@link dev.baton.AccessDeniedException} for NOAUTH); the
   *     watch is then removed again
   */
  void open() {
    ZooKeeper zk = null;
    try {
      zk = client.getZookeeperClient().getZooKeeper();
      zk.addWatch(rawPath, this, AddWatchMode.PERSISTENT);
      watchConfirmed = true;
      handle = zk;
      Stat stat = new Stat();
      byte[] data;
      try {
        data = zk.getData(rawPath, false, stat);
      } catch (KeeperException.NoNodeException e) {
        data = null;
      }
      synchronized (this) {
        apply(data == null ? KeeperException.Code.NONODE.intValue() : 0, data, stat);
      }
    } catch (Exception e) {
      CoordinationException failure = ZkErrors.translate(key, "watch config", e);
      if (failure instanceof ConnectionLostException) {
        // Not connected yet, or the connection dropped: the connection listener re-adds and reads.
        LOG.info("Config '{}': first read deferred until connected ({})", key, e.toString());
        return;
      }
      // NOAUTH and the like do not heal with a reconnect: running on the default would hide them.
      closed = true;
      Watches.remove(zk, rawPath, key).join(); // before the next opener of the key adds its own
      throw failure;
    }
    if (closed) {
      Watches.remove(zk, rawPath, key); // the registry closed while this was opening
    }
  }

  /** Adds a watcher and gives it the latest state, atomically with respect to updates. */
  synchronized void attach(WatcherImpl<?> w) {
    watchers.add(w);
    w.init(latest);
  }

  void detach(WatcherImpl<?> w) {
    watchers.remove(w);
  }

  @Override
  public void process(WatchedEvent event) {
    // Connection states reach us through the coordinator's listener (resync); only node events.
    if (event.getType() == Event.EventType.None || closed) {
      return;
    }
    if (reads.changed()) {
      read(handle);
    }
  }

  @Override
  public void resync(boolean newSession) {
    if (closed) {
      return;
    }
    ZooKeeper zk;
    try {
      zk = client.getZookeeperClient().getZooKeeper();
    } catch (Exception e) {
      LOG.debug("Config '{}': no ZooKeeper handle to resync with", key, e);
      return;
    }
    if (newSession || zk != handle || !watchConfirmed) {
      // A new session has none of the old one's watches; sync first so that a lagging member
      // cannot answer the read below with state older than what we already saw.
      watchConfirmed = false;
      zk.addWatch(rawPath, this, AddWatchMode.PERSISTENT, this::onWatchAdded, null);
      zk.sync(rawPath, (rc, path, ctx) -> {}, null);
      handle = zk;
    }
    reads.restart();
    read(zk);
  }

  private void onWatchAdded(int rc, String path, Object ctx) {
    // A failure reaches this callback before the reconnect that follows it reaches resync().
    watchConfirmed = rc == 0;
    if (rc != 0) {
      KeeperException.Code code = KeeperException.Code.get(rc);
      if (Watches.isConnectionTrouble(code)) {
        LOG.info("Config '{}': re-adding the watch failed ({}); retried on reconnect", key, code);
      } else {
        LOG.warn("Config '{}': re-adding the watch failed ({}); retried on reconnect", key, code);
      }
    }
  }

  private void read(@Nullable ZooKeeper zk) {
    if (zk == null) {
      reads.finished(false);
      return;
    }
    zk.getData(rawPath, false, this::onData, null);
  }

  private void onData(
      int rc, String path, Object ctx, byte @Nullable [] data, @Nullable Stat stat) {
    synchronized (this) {
      if (closed) {
        return;
      }
      apply(rc, data, stat);
    }
    if (reads.finished(rc == 0 || rc == KeeperException.Code.NONODE.intValue())) {
      read(handle);
    }
  }

  /** Applies one read result; called holding this. */
  private void apply(int rc, byte @Nullable [] data, @Nullable Stat stat) {
    Node previous = latest;
    Node next;
    if (rc == 0 && data != null && stat != null) {
      if (previous != null && previous.mzxid() >= stat.getMzxid()) {
        return; // the same version read twice, or a stale answer: nothing new
      }
      next =
          data.length == 0
              ? Node.absent(stat.getMzxid())
              : new Node(data, stat.getVersion(), stat.getMzxid());
    } else if (rc == KeeperException.Code.NONODE.intValue()) {
      if (previous != null && previous.isAbsent()) {
        return;
      }
      next = Node.absent(previous == null ? 0 : previous.mzxid());
    } else {
      KeeperException.Code code = KeeperException.Code.get(rc);
      if (Watches.isConnectionTrouble(code)) {
        LOG.debug("Config '{}': read failed with {}; resyncing on reconnect", key, code);
      } else {
        LOG.warn("Config '{}': read failed with {}; keeping the last value", key, code);
      }
      return;
    }
    latest = next;
    if (previous != null && previous.isAbsent() && next.isAbsent()) {
      return;
    }
    Map<Object, Object> decoded = new IdentityHashMap<>(2);
    for (WatcherImpl<?> w : watchers) {
      w.accept(next, decoded);
    }
  }

  /**
   * Removes the watch from the server without waiting for it (a close must not hang on a
   * partition).
   *
   * @return completes once removed, or once the connection was found down
   */
  CompletableFuture<Void> close() {
    closed = true;
    return Watches.remove(handle, rawPath, key);
  }

  @Override
  public String toString() {
    return "KeyWatch{" + key + "}";
  }
}
