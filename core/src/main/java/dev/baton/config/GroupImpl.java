package dev.baton.config;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.ListenerHandle;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import dev.baton.internal.ZkErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group watcher: a persistent watch on the group's generation node, and read rounds that accept a
 * snapshot only when the generation read before the keys equals the one read after them. All reads
 * of a round go out back to back on one session, which answers in order, so a round costs about one
 * round trip. Listeners hear each new snapshot on the group's own delivery lane, never on
 * ZooKeeper's event thread (see {@link ConfigRegistry#newDeliveryLane()}).
 */
final class GroupImpl implements ConfigGroup, Watcher, ConfigRegistry.Resyncable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupImpl.class);
  private static final int OK = KeeperException.Code.OK.intValue();
  private static final int NONODE = KeeperException.Code.NONODE.intValue();

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final ConfigRegistry registry;
  private final CuratorFramework client;
  private final String prefix;
  private final String rawGeneration;
  private final String rawDir;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final Listeners<Subscriber> subscribers;
  private final CountDownLatch firstRound = new CountDownLatch(1);
  // Publishing a snapshot and subscribing are atomic with respect to each other: a new subscriber
  // either starts on a snapshot or is offered it, never neither.
  private final Object publishLock = new Object();
  private volatile ConfigSnapshot snapshot;
  private long published; // guarded by publishLock: how many snapshots were queued for delivery
  // Delivers published snapshots to the subscribers in order, off ZooKeeper's event thread.
  private final Executor delivery;
  private final PersistentWatch watch;
  private final ReadCoalescer reads = new ReadCoalescer();

  GroupImpl(ConfigRegistry registry, String prefix) {
    this.registry = registry;
    this.client = registry.client;
    this.prefix = prefix;
    this.rawGeneration = Layout.raw(client, Layout.generationPath(prefix));
    this.rawDir = Layout.raw(client, Layout.groupDir(prefix));
    this.watch = new PersistentWatch(rawGeneration, this, "Config group '" + prefix + "'");
    this.snapshot = ConfigSnapshot.empty(prefix);
    this.subscribers = new Listeners<>("config group '" + prefix + "'");
    this.delivery = registry.newDeliveryLane();
  }

  GroupImpl start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("config group '" + prefix + "' already started");
    }
    Parts.of(registry.coord).manage(this);
    registry.addResyncable(this);
    registry.retainPath(rawGeneration, this);
    try {
      ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
      watch.add(zk);
      forceRound(zk);
      if (!firstRound.await(
          registry.coord.negotiatedSessionTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        LOG.info("Config group '{}': first snapshot still pending", prefix);
      }
    } catch (Exception e) {
      CoordinationException failure = ZkErrors.translate(prefix, "watch config group", e);
      if (!(failure instanceof ConnectionLostException)) {
        close();
        throw failure;
      }
      LOG.info("Config group '{}': first read deferred until connected ({})", prefix, e.toString());
    }
    return this;
  }

  @Override
  public void process(WatchedEvent event) {
    if (event.getType() == Event.EventType.None || state.get() != State.STARTED) {
      return;
    }
    if (reads.changed()) {
      round(watch.handle());
    }
  }

  @Override
  public void resync(boolean newSession) {
    if (state.get() != State.STARTED) {
      return;
    }
    try {
      ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
      watch.resync(zk, newSession);
      forceRound(zk);
    } catch (Exception e) {
      LOG.debug("Config group '{}': resync failed", prefix, e);
    }
  }

  private void forceRound(ZooKeeper zk) {
    reads.restart();
    round(zk);
  }

  /** One read round: generation, children, then every child and the generation again. */
  private void round(@Nullable ZooKeeper zk) {
    if (zk == null) {
      finish(false);
      return;
    }
    Round r = new Round();
    zk.getData(
        rawGeneration,
        false,
        (rc, p, c, data, stat) -> {
          r.fail(rc);
          r.before = rc == OK ? stat.getMzxid() : -1;
        },
        null);
    zk.getChildren(
        rawDir,
        false,
        (rc, p, c, children) -> {
          r.fail(rc);
          List<String> names = rc == OK ? children : List.of();
          for (String name : names) {
            zk.getData(
                rawDir + "/" + name,
                false,
                (rc2, p2, c2, data, st) -> {
                  r.fail(rc2);
                  if (rc2 == OK && data != null && data.length > 0) {
                    r.nodes.put(
                        prefix + "/" + name, new Node(data, st.getVersion(), st.getMzxid()));
                  }
                },
                null);
          }
          // Queued after the reads above: its answer comes after theirs.
          zk.getData(
              rawGeneration,
              false,
              (rc3, p3, c3, data, stat) -> {
                r.fail(rc3);
                long after = rc3 == OK ? stat.getMzxid() : -1;
                complete(r, after, rc3 == OK ? stat.getVersion() : -1);
              },
              null);
        },
        null);
  }

  private void complete(Round r, long after, long generation) {
    if (state.get() != State.STARTED) {
      return;
    }
    if (r.failure != null) {
      if (Watches.isConnectionTrouble(r.failure)) {
        LOG.debug("Config group '{}': read round failed; resyncing on reconnect", prefix);
      } else {
        LOG.warn(
            "Config group '{}': read failed with {}; keeping the last snapshot", prefix, r.failure);
      }
      finish(false);
      return;
    }
    if (r.before != after) {
      reads.readAgain(); // written meanwhile: the snapshot may be torn
      finish(true);
      return;
    }
    ConfigSnapshot next = new ConfigSnapshot(prefix, generation, r.nodes);
    synchronized (publishLock) {
      ConfigSnapshot previous = snapshot;
      snapshot = next;
      if (!next.changedSince(previous).isEmpty()) {
        // Only queued here, on ZooKeeper's event thread: a slow listener run inline must not
        // delay the replies the session clock waits for, nor other keys' events.
        long seq = ++published;
        try {
          delivery.execute(() -> subscribers.forEach(s -> s.deliver(next, seq)));
        } catch (RejectedExecutionException e) {
          LOG.debug("Config group '{}': not delivered, the registry is closing", prefix);
        }
      }
    }
    firstRound.countDown();
    finish(true);
  }

  private void finish(boolean ok) {
    boolean again = reads.finished(ok && state.get() == State.STARTED);
    if (!ok) {
      firstRound.countDown();
    }
    if (again) {
      round(watch.handle());
    }
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public ConfigSnapshot snapshot() {
    return snapshot;
  }

  @Override
  public ListenerHandle addListener(ConfigGroupListener listener) {
    return addListener(listener, registry.listenerThreads);
  }

  @Override
  public ListenerHandle addListener(ConfigGroupListener listener, Executor executor) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    if (state.get() == State.CLOSED) {
      throw new IllegalStateException("config group '" + prefix + "' is closed");
    }
    synchronized (publishLock) {
      return subscribers.add(new Subscriber(listener, snapshot, published), executor);
    }
  }

  @Override
  public void removeListener(ConfigGroupListener listener) {
    Objects.requireNonNull(listener, "listener");
    subscribers.removeIf(s -> s.listener == listener);
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    subscribers.clear();
    registry.removeResyncable(this);
    registry.releasePath(
        rawGeneration,
        () -> Watches.remove(watch.handle(), rawGeneration, prefix),
        // Another group of the prefix still needs the server watch: only stop being called.
        () -> Watches.removeOwn(watch.handle(), rawGeneration, this, prefix));
    Parts.of(registry.coord).unmanage(this);
  }

  @Override
  public String toString() {
    return "ConfigGroup{" + prefix + ", " + snapshot + "}";
  }

  /** State of one read round, touched only on ZooKeeper's event thread. */
  private static final class Round {
    long before;
    KeeperException.@Nullable Code failure; // the first failure of the round
    final Map<String, Node> nodes = new HashMap<>();

    void fail(int rc) {
      if (rc != OK && rc != NONODE && failure == null) {
        failure = KeeperException.Code.get(rc);
      }
    }
  }

  /** One listener and the snapshot it heard last; called serially by {@link Listeners}. */
  private final class Subscriber {
    final ConfigGroupListener listener;
    // How many snapshots were queued when it subscribed: it starts on the last of them, so it
    // skips those still waiting on the delivery lane (they are not newer than its start).
    final long since;
    ConfigSnapshot last; // touched only by the listener's serial deliveries

    Subscriber(ConfigGroupListener listener, ConfigSnapshot start, long since) {
      this.listener = listener;
      this.last = start;
      this.since = since;
    }

    void deliver(ConfigSnapshot next, long seq) {
      if (seq <= since || state.get() != State.STARTED || !subscribers.contains(this)) {
        return;
      }
      ConfigSnapshot previous = last;
      Set<String> changed = next.changedSince(previous);
      if (changed.isEmpty()) {
        return;
      }
      last = next;
      listener.onChange(previous, next, Set.copyOf(changed));
    }
  }
}
