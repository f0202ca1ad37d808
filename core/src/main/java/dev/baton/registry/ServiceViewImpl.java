package dev.baton.registry;

import dev.baton.ConnectionEvent;
import dev.baton.ConnectionState;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import dev.baton.internal.ZkErrors;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;
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
  private final String name;
  private final String path;
  private final ServiceNodes nodes;
  private volatile boolean joined; // counted among the users of the service's watch
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicReference<ViewSnapshot> snapshot = new AtomicReference<>(ViewSnapshot.EMPTY);
  private final Listeners<ServiceViewListener> listeners;
  private final Watcher watcher = this::onWatchedEvent;
  private final Object changed = new Object();
  private volatile @Nullable ListenerHandle connection;

  ServiceViewImpl(ServiceRegistryImpl registry, String name) {
    this.registry = registry;
    this.coord = registry.coordinator();
    this.name = name;
    this.path = Paths.service(name);
    this.nodes = new ServiceNodes(registry.curator(), name, watcher);
    this.listeners = new Listeners<>("service view " + path);
  }

  void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("view of " + path + " already started");
    }
    // Before the watch is added. If the service's last view is still removing its watch, that
    // removal takes ours with it: resync once it ran, without waiting for it here.
    CompletableFuture<Void> settled = registry.watchUsers().join(nodes.zkPath());
    joined = true;
    if (!settled.isDone()) {
      settled.thenRun(() -> submit(this::resyncQuietly));
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
    long deadline = System.nanoTime() + dev.baton.internal.Names.timeoutNanos("timeout", timeout);
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
    if (joined) {
      registry
          .watchUsers()
          .leave(nodes.zkPath(), () -> nodes.removeWatch(true), () -> nodes.removeWatch(false));
    }
    Parts.of(coord).unmanage(this);
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
    String id = nodes.instanceId(event);
    if (state.get() != State.STARTED || id == null) {
      return;
    }
    EventType type = event.getType();
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
        ViewSnapshot.Entry read = nodes.read(id);
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
    ViewSnapshot.Entry read = nodes.read(id);
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
    nodes.addWatch();
    publish(ViewSnapshot.of(nodes.readAll()));
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
}
