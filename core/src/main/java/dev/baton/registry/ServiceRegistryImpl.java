package dev.baton.registry;

import dev.baton.ConnectionEvent;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.NamedThreads;
import dev.baton.internal.Names;
import dev.baton.internal.Parts;
import dev.baton.internal.WatchUsers;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of one coordinator: owns the two threads every registration and view share, and
 * remembers the coordinator's sessions so that a node left by an earlier session of this very
 * client is recognised as its own rather than as a conflict.
 */
final class ServiceRegistryImpl implements ServiceRegistry, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceRegistryImpl.class);
  // Enough to span any realistic run of expiries; older ids cannot own nodes any more.
  private static final int REMEMBERED_SESSIONS = 64;

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final Coordinator coord;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final ScheduledExecutorService scheduler;
  private final ExecutorService viewExecutor;
  private volatile @Nullable Thread viewThread;
  private final Map<String, RegistrationImpl> registrations = new ConcurrentHashMap<>();
  private final Set<ServiceViewImpl> views = ConcurrentHashMap.newKeySet();
  private final WatchUsers watchUsers;
  private final LinkedHashSet<Long> sessions = new LinkedHashSet<>();
  private volatile @Nullable ListenerHandle connection;

  private ServiceRegistryImpl(Coordinator coord) {
    this.coord = coord;
    this.watchUsers = new WatchUsers(coord.curator());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(NamedThreads.of("registry"));
    ThreadFactory views = NamedThreads.of("registry-view");
    this.viewExecutor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = views.newThread(r);
              viewThread = t;
              return t;
            });
  }

  static ServiceRegistryImpl start(Coordinator coord) {
    Objects.requireNonNull(coord, "coordinator");
    ServiceRegistryImpl registry = new ServiceRegistryImpl(coord);
    registry.state.set(State.STARTED);
    registry.rememberSession(coord.sessionId());
    registry.connection = coord.addConnectionListener(registry::onConnectionEvent);
    return registry;
  }

  @Override
  public Registration register(ServiceInstance instance) {
    Objects.requireNonNull(instance, "instance");
    checkOpen();
    RegistrationImpl r = new RegistrationImpl(this, instance);
    RegistrationImpl existing = registrations.putIfAbsent(r.path(), r);
    if (existing != null) {
      throw new IllegalStateException(
          "instance "
              + instance.id()
              + " of service "
              + instance.name()
              + " is already registered through this coordinator: update or close that"
              + " registration instead");
    }
    try {
      r.start();
      Parts.of(coord).manage(r);
    } catch (RuntimeException e) {
      registrations.remove(r.path(), r);
      r.close();
      throw e;
    }
    return r;
  }

  @Override
  public ServiceView watch(String name) {
    Names.segment("service name", name);
    checkOpen();
    ServiceViewImpl view = new ServiceViewImpl(this, name);
    views.add(view);
    try {
      view.start();
      Parts.of(coord).manage(view);
    } catch (RuntimeException e) {
      view.close();
      throw e;
    }
    return view;
  }

  @Override
  public List<String> services() {
    checkOpen();
    try {
      List<String> names = new ArrayList<>(coord.curator().getChildren().forPath(Paths.ROOT));
      names.sort(null);
      return List.copyOf(names);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw ZkErrors.translate(Paths.ROOT, "list services", e);
    }
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
    for (RegistrationImpl r : List.copyOf(registrations.values())) {
      r.close();
    }
    for (ServiceViewImpl v : List.copyOf(views)) {
      v.close();
    }
    scheduler.shutdownNow();
    viewExecutor.shutdownNow();
    Parts.of(coord).unmanage(this);
  }

  @Override
  public String toString() {
    return "ServiceRegistry{" + coord + "}";
  }

  // ---- shared with registrations and views ----

  Coordinator coordinator() {
    return coord;
  }

  CuratorFramework curator() {
    return coord.curator();
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  ExecutorService viewExecutor() {
    return viewExecutor;
  }

  boolean onViewThread() {
    return Thread.currentThread() == viewThread;
  }

  /** The current session, remembered as one of ours. */
  long currentSession() {
    long id = coord.sessionId();
    rememberSession(id);
    return id;
  }

  /** Whether {@code owner} is an earlier session of this coordinator (not the current one). */
  boolean isOwnPreviousSession(long owner, long current) {
    if (owner == 0 || owner == current) {
      return false;
    }
    synchronized (sessions) {
      return sessions.contains(owner);
    }
  }

  void forget(RegistrationImpl r) {
    registrations.remove(r.path(), r);
  }

  void forget(ServiceViewImpl v) {
    views.remove(v);
  }

  /** The users of each service's watch among this registry's views. */
  WatchUsers watchUsers() {
    return watchUsers;
  }

  private void rememberSession(long id) {
    if (id == 0) {
      return;
    }
    synchronized (sessions) {
      if (sessions.add(id) && sessions.size() > REMEMBERED_SESSIONS) {
        Iterator<Long> oldest = sessions.iterator();
        oldest.next();
        oldest.remove();
      }
    }
  }

  private void checkOpen() {
    Parts.of(coord).checkOpen();
    if (state.get() != State.STARTED) {
      throw new IllegalStateException("the service registry of " + coord + " is closed");
    }
  }

  private void onConnectionEvent(ConnectionEvent event) {
    if (state.get() != State.STARTED) {
      return;
    }
    rememberSession(event.sessionId());
    switch (event.state()) {
      case LOST -> registrations.values().forEach(RegistrationImpl::sessionLost);
      case CONNECTED, RECONNECTED -> {
        if (event.newSession()) {
          rememberSession(coord.sessionId());
          LOG.info(
              "New ZooKeeper session {}: re-registering {} instance(s)",
              event.sessionIdHex(),
              registrations.size());
        }
        // A plain reconnect only verifies: nothing is rewritten unless it has gone or changed.
        registrations.values().forEach(RegistrationImpl::ensureLater);
      }
      default -> {}
    }
  }
}
