package dev.baton.registry;

import dev.baton.ConnectionEvent;
import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.Listeners;
import dev.baton.internal.ZkErrors;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view kept current by one persistent recursive watch on {@code /services/<name>}. Every change
 * is applied on the registry's view thread, one at a time: a delete removes the instance, a create
 * or data change re-reads that one node, and a reconnect re-reads the whole service and reports the
 * difference. Readers only ever see whole snapshots.
 */
final class ServiceViewImpl implements ServiceView {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceViewImpl.class);
  private static final long RESYNC_RETRY_MS = 1_000;

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final ServiceRegistryImpl registry;
  private final Coordinator coord;
  private final CuratorFramework curator;
  private final String name;
  private final String path;
  private final String childPrefix;
  // The watch lives on the raw handle with namespaced paths: Curator 5.9's namespace wrapper for
  // added watches does not match the one it builds to remove them (NoWatcherException).
  private final String zkPath;
  private final String zkChildPrefix;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicReference<ViewSnapshot> snapshot = new AtomicReference<>(ViewSnapshot.EMPTY);
  private final Listeners<ServiceViewListener> listeners;
  private final Watcher watcher = this::onWatchedEvent;
  private final Object changed = new Object();
  private volatile @Nullable ListenerHandle connection;

  ServiceViewImpl(ServiceRegistryImpl registry, String name) {
    this.registry = registry;
    this.coord = registry.coordinator();
    this.curator = registry.curator();
    this.name = name;
    this.path = Paths.service(name);
    this.childPrefix = path + "/";
    this.zkPath = ZKPaths.fixForNamespace(curator.getNamespace(), path);
    this.zkChildPrefix = zkPath + "/";
    this.listeners = new Listeners<>("service view " + path);
  }

  void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("view of " + path + " already started");
    }
    connection = coord.addConnectionListener(this::onConnectionEvent);
    if (registry.onViewThread()) {
      runFirstLoad();
      return;
    }
    Future<?> first = registry.viewExecutor().submit(this::runFirstLoad);
    try {
      first.get();
    } catch (ExecutionException e) {
      throw ZkErrors.translate(path, "watch service", e.getCause());
    } catch (InterruptedException e) {
      throw ZkErrors.translate(path, "watch service", e);
    }
  }

  private void runFirstLoad() {
    try {
      resync();
    } catch (Exception e) {
      throw ZkErrors.translate(path, "watch service", e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<ServiceInstance> instances() {
    return snapshot.get().up();
  }

  @Override
  public List<ServiceInstance> instances(Predicate<? super ServiceInstance> filter) {
    Objects.requireNonNull(filter, "filter");
    return snapshot.get().all().stream().filter(filter).toList();
  }

  @Override
  public List<ServiceInstance> allInstances() {
    return snapshot.get().all();
  }

  @Override
  public Optional<ServiceInstance> instance(String id) {
    ViewSnapshot.Entry e = snapshot.get().entry(id);
    return e == null ? Optional.empty() : Optional.of(e.instance());
  }

  @Override
  public boolean awaitInstances(int count, Duration timeout) throws InterruptedException {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (changed) {
      while (snapshot.get().up().size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || state.get() == State.CLOSED) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(changed, left);
      }
      return true;
    }
  }

  @Override
  public InstanceSelector selector(SelectionStrategy strategy) {
    return selector(strategy, DownInstancePolicy.ofDefaults());
  }

  @Override
  public InstanceSelector selector(SelectionStrategy strategy, DownInstancePolicy policy) {
    return Selectors.create(snapshot::get, strategy, policy);
  }

  @Override
  public ListenerHandle addListener(ServiceViewListener listener) {
    return listeners.add(listener);
  }

  @Override
  public ListenerHandle addListener(ServiceViewListener listener, Executor executor) {
    return listeners.add(listener, executor);
  }

  @Override
  public void removeListener(ServiceViewListener listener) {
    listeners.remove(listener);
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    ListenerHandle handle = connection;
    if (handle != null) {
      handle.close();
    }
    registry.forget(this);
    removeWatch();
    coord.unmanage(this);
    listeners.clear();
    synchronized (changed) {
      changed.notifyAll();
    }
  }

  @Override
  public String toString() {
    return "ServiceView{" + path + ", " + snapshot.get().all().size() + " instance(s)}";
  }

  // ---- keeping the snapshot current ----

  private void onWatchedEvent(WatchedEvent event) {
    String p = event.getPath();
    if (state.get() != State.STARTED || p == null || !p.startsWith(zkChildPrefix)) {
      return;
    }
    String id = p.substring(zkChildPrefix.length());
    EventType type = event.getType();
    if (id.indexOf('/') >= 0 || type == EventType.None) {
      return;
    }
    long zxid = event.getZxid();
    submit(() -> apply(type, id, zxid));
  }

  private void onConnectionEvent(ConnectionEvent event) {
    if (event.state() == ConnectionState.RECONNECTED
        || event.state() == ConnectionState.CONNECTED) {
      // Events may have been missed while disconnected, and a new session has no watch at all.
      submit(this::resyncQuietly);
    }
  }

  private void apply(EventType type, String id, long zxid) {
    if (state.get() != State.STARTED) {
      return;
    }
    ViewSnapshot current = snapshot.get();
    try {
      if (type == EventType.NodeDeleted) {
        applyDelete(current, id, zxid);
      } else if (type == EventType.NodeCreated || type == EventType.NodeDataChanged) {
        ViewSnapshot.Entry read = read(id);
        ViewSnapshot.Entry known = current.entry(id);
        if (read == null) {
          publish(current.without(id));
        } else if (known == null
            || known.czxid() != read.czxid()
            || known.mzxid() != read.mzxid()) {
          publish(current.with(read));
        }
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      LOG.warn("View of {} could not read instance {}; re-reading the service", path, id, e);
      retryResyncLater();
    }
  }

  /**
   * A delete removes what we know, unless what we know was created by or after this very
   * transaction. A node deleted and created in one transaction (a stale node replaced) shares the
   * delete's zxid: that is an update in place, not a removal and an addition.
   */
  private void applyDelete(ViewSnapshot current, String id, long zxid) throws Exception {
    ViewSnapshot.Entry known = current.entry(id);
    if (known == null) {
      return;
    }
    if (zxid <= 0) {
      publish(current.without(id));
      return;
    }
    if (known.czxid() >= zxid) {
      return;
    }
    ViewSnapshot.Entry read = read(id);
    if (read != null && read.czxid() == zxid) {
      publish(current.with(read));
    } else {
      publish(current.without(id));
    }
  }

  private void resyncQuietly() {
    if (state.get() != State.STARTED) {
      return;
    }
    try {
      resync();
      listeners.forEach(ServiceViewListener::onResynced);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      if (state.get() == State.STARTED) {
        LOG.warn(
            "View of {} could not re-read the service, retrying in {} ms: {}",
            path,
            RESYNC_RETRY_MS,
            e.toString());
        retryResyncLater();
      }
    }
  }

  /** (Re-)adds the watch first, then reads: nothing can change unseen in between. */
  private void resync() throws Exception {
    curator
        .getZookeeperClient()
        .getZooKeeper()
        .addWatch(zkPath, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
    List<String> children;
    try {
      children = curator.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      children = List.of();
    }
    Map<String, ViewSnapshot.Entry> entries = new HashMap<>();
    for (String id : children) {
      ViewSnapshot.Entry entry = read(id);
      if (entry != null) {
        entries.put(id, entry);
      }
    }
    publish(ViewSnapshot.of(entries));
  }

  private ViewSnapshot.@Nullable Entry read(String id) throws Exception {
    Stat stat = new Stat();
    byte[] data;
    try {
      data = curator.getData().storingStatIn(stat).forPath(childPrefix + id);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
    try {
      return new ViewSnapshot.Entry(
          InstanceCodec.decode(name, id, data), stat.getCzxid(), stat.getMzxid());
    } catch (IllegalArgumentException e) {
      LOG.warn("View of {} ignores node {}: {}", path, id, e.getMessage());
      return null;
    }
  }

  private void publish(ViewSnapshot next) {
    ViewSnapshot previous = snapshot.getAndSet(next);
    ViewSnapshot.Diff diff = previous.diff(next);
    synchronized (changed) {
      changed.notifyAll();
    }
    if (!diff.isEmpty()) {
      LOG.debug(
          "View of {}: +{} -{} ~{}",
          path,
          diff.added().size(),
          diff.removed().size(),
          diff.updated().size());
      listeners.forEach(l -> l.onChange(diff.added(), diff.removed(), diff.updated()));
    }
  }

  private void submit(Runnable task) {
    try {
      registry.viewExecutor().execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Registry closing; view of {} stops updating", path);
    }
  }

  private void retryResyncLater() {
    try {
      registry
          .scheduler()
          .schedule(() -> submit(this::resyncQuietly), RESYNC_RETRY_MS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Registry closing; no resync of {}", path);
    }
  }

  /**
   * ZooKeeper keeps one server-side watch per connection and path, whatever the number of local
   * watchers: removing one watcher only unhooks it locally. So the last view of a service in this
   * registry removes the server's watch too, and earlier ones only their local watcher.
   */
  private void removeWatch() {
    boolean last = !registry.hasViewOf(name);
    try {
      ZooKeeper handle = curator.getZookeeperClient().getZooKeeper();
      if (last) {
        handle.removeAllWatches(zkPath, Watcher.WatcherType.PersistentRecursive, false);
      } else {
        handle.removeWatches(zkPath, watcher, Watcher.WatcherType.PersistentRecursive, true);
      }
    } catch (KeeperException.NoWatcherException e) {
      LOG.debug("No watch on {} to remove", path);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // The server drops it with the connection or session; locally it must go now.
      LOG.debug("Could not remove the watch on {} from the server: {}", path, e.toString());
      try {
        curator
            .getZookeeperClient()
            .getZooKeeper()
            .removeWatches(zkPath, watcher, Watcher.WatcherType.PersistentRecursive, true);
      } catch (Exception local) {
        LOG.debug("Could not remove the watch on {} locally", path, local);
      }
    }
  }
}
