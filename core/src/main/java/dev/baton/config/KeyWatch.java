package dev.baton.config;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.internal.ZkErrors;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.curator.framework.CuratorFramework;
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
 * <p>The watch event triggers the read directly on ZooKeeper's event thread; the read's callback
 * only records the new state and queues it for delivery. Decoding and validation run on this key's
 * own serial lane of the registry's threads, never on ZooKeeper's event thread, which also carries
 * the replies the session clock waits for and every other key's events: a slow codec or validator
 * delays this key alone. At most one read is in flight; events that arrive meanwhile cause one more
 * read when it completes, so bursts of writes coalesce. Results are applied in the order ZooKeeper
 * answers (one session answers in order) and, across sessions, only if their mzxid is newer than
 * the last one seen; the lane delivers them in that order.
 */
final class KeyWatch implements Watcher, ConfigRegistry.Resyncable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyWatch.class);

  final String key;
  private final ConfigRegistry registry;
  private final CuratorFramework client;
  private final String rawPath;
  private final CopyOnWriteArrayList<WatcherImpl<?>> watchers = new CopyOnWriteArrayList<>();
  // Decodes, validates and publishes each new state, one at a time, in the order queued.
  private final Executor delivery;
  // While a state is being delivered: the lane's thread and that state (see attach).
  private volatile @Nullable Thread deliveringOn;
  private volatile @Nullable Node delivering;

  /** Completes when {@link #open()} returned (exceptionally if it threw). */
  final CompletableFuture<Void> opened = new CompletableFuture<>();

  // Guarded by this: the read machinery and the latest state.
  private final ReadCoalescer reads = new ReadCoalescer();
  private @Nullable Node latest;
  private final PersistentWatch watch;
  private volatile boolean closed;

  KeyWatch(ConfigRegistry registry, String key) {
    this.registry = registry;
    this.key = key;
    this.client = registry.client;
    this.rawPath = Layout.raw(client, Layout.valuePath(key));
    this.watch = new PersistentWatch(rawPath, this, "Config '" + key + "'");
    this.delivery = registry.newDeliveryLane();
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
      watch.add(zk);
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
      // Before the next opener of the key adds its own, but never long: the connection may drop.
      awaitBriefly(Watches.remove(zk, rawPath, key));
      throw failure;
    }
    if (closed) {
      Watches.remove(zk, rawPath, key); // the registry closed while this was opening
    }
  }

  private static void awaitBriefly(CompletableFuture<Void> removal) {
    try {
      removal.get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Removal of a failed watch not confirmed yet", e);
    }
  }

  /**
   * Adds a watcher and gives it the latest state, atomically with respect to updates: on the
   * delivery lane, behind every state queued before and ahead of every later one. Waits for it, so
   * the watcher starts with the current value (behind a slow validator of this key, if any; never
   * call it from a codec or validator of the same key).
   */
  void attach(WatcherImpl<?> w) {
    if (Thread.currentThread() == deliveringOn) {
      // A listener run inline (direct executor) opens a watcher of this key: waiting for the lane
      // would wait for itself. Later states are queued behind this one, so starting here is safe.
      watchers.add(w);
      w.init(delivering);
      return;
    }
    CompletableFuture<@Nullable Void> attached = new CompletableFuture<>();
    synchronized (this) {
      Node at = latest;
      delivery.execute(
          () -> {
            try {
              watchers.add(w);
              w.init(at);
              attached.complete(null);
            } catch (RuntimeException e) {
              attached.completeExceptionally(e);
            }
          });
    }
    attached.join();
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
      read(watch.handle());
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
    watch.resync(zk, newSession);
    reads.restart();
    read(zk);
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
      read(watch.handle());
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
    try {
      delivery.execute(() -> deliver(next));
    } catch (RejectedExecutionException e) {
      LOG.debug("Config '{}': not delivered, the registry is closing", key);
    }
  }

  /** Decodes (once per codec) and validates for each watcher; on the delivery lane only. */
  private void deliver(Node next) {
    if (closed) {
      return;
    }
    deliveringOn = Thread.currentThread();
    delivering = next;
    try {
      Map<Object, Object> decoded = new IdentityHashMap<>(2);
      for (WatcherImpl<?> w : watchers) {
        w.accept(next, decoded);
      }
    } finally {
      deliveringOn = null;
      delivering = null;
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
    return Watches.remove(watch.handle(), rawPath, key);
  }

  @Override
  public String toString() {
    return "KeyWatch{" + key + "}";
  }
}
