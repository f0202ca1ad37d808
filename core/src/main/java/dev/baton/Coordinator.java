package dev.baton;

import dev.baton.embedded.EmbeddedZooKeeper;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Listeners;
import dev.baton.internal.Names;
import dev.baton.internal.ZkErrors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZooKeeper session and everything Baton does over it: typed config, a service registry, leader
 * elections and locks. Create one per process (or per ZooKeeper ensemble and namespace), share it,
 * and close it when the process stops.
 *
 * <pre>{@code
 * try (Coordinator coord = Coordinator.builder()
 *         .connectString("zk1:2181,zk2:2181,zk3:2181")
 *         .namespace("pipelines/clickstream")
 *         .sessionTimeout(Duration.ofSeconds(15))
 *         .build()) {
 *   coord.addConnectionListener(event -> log.info("ZooKeeper: {}", event.state()));
 *   if (!coord.awaitConnected(Duration.ofSeconds(30))) {
 *     throw new IllegalStateException("ZooKeeper unreachable");
 *   }
 *   ...
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.CoordinatorExample} in the
 * test sources.
 *
 * <p>A coordinator is one Curator client ({@link #curator()}), so one ZooKeeper session: ephemeral
 * nodes, watches, leases and leaderships made through it live and die with that session. {@link
 * #close()} closes every recipe made through it, in reverse order of creation, then the client
 * (unless it was {@linkplain #wrap(CuratorFramework) wrapped}), then the embedded server if it
 * started one, and leaves no thread, watch or ephemeral node behind.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class Coordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  // Bounds of close(): see its javadoc.
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(1);
  private static final Duration CLIENT_CLOSE_WAIT = Duration.ofMillis(500);

  private enum State {
    STARTED,
    CLOSED
  }

  private final CuratorFramework curator;
  private final boolean ownsClient;
  private final @Nullable EmbeddedZooKeeper embedded;
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTED);
  private final Listeners<ConnectionListener> connectionListeners;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final ConnectionStateListener curatorListener = (client, s) -> onCuratorState(s);
  private final AtomicLong sessionId = new AtomicLong();
  // Null until Curator's first state event; connectionState() then answers from the client.
  private volatile @Nullable ConnectionState connectionState;

  Coordinator(CuratorFramework curator, boolean ownsClient, @Nullable EmbeddedZooKeeper embedded) {
    this.curator = curator;
    this.ownsClient = ownsClient;
    this.embedded = embedded;
    this.connectionListeners = new Listeners<>("coordinator " + describe(curator));
    curator.getConnectionStateListenable().addListener(curatorListener);
    // A wrapped client is usually connected already, and even a new one may have connected before
    // the listener was added: its CONNECTED event then never reaches us. Seed the session id
    // after adding the listener, so that either the event or this read records it; otherwise a
    // later SUSPENDED would carry session 0 and the first plain reconnect would look like a new
    // session (recipes would then treat a surviving session's nodes as gone).
    if (curator.getZookeeperClient().isConnected()) {
      sessionId.compareAndSet(0, readSessionId());
    }
  }

  /**
   * Starts building a coordinator that owns its own Curator client.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A coordinator over a Curator client the caller already owns and has started. Closing the
   * coordinator closes what it made, but not the client; the client's namespace is used as is.
   *
   * <pre>{@code
   * CuratorFramework client = ...; // started elsewhere
   * Coordinator coord = Coordinator.wrap(client);
   * }</pre>
   *
   * @param client a started Curator client
   * @return a coordinator sharing that client's session
   * @throws IllegalArgumentException if the client is not started
   */
  public static Coordinator wrap(CuratorFramework client) {
    Objects.requireNonNull(client, "client");
    switch (client.getState()) {
      case STARTED:
        break;
      default:
        throw new IllegalArgumentException(
            "Curator client must be started before wrapping it (state is "
                + client.getState()
                + ")");
    }
    return new Coordinator(client, false, null);
  }

  /**
   * The Curator client behind this coordinator, for ZooKeeper operations Baton does not offer.
   * Paths given to it are relative to the coordinator's namespace. Do not close it: close the
   * coordinator.
   *
   * <p>The subtrees {@code /config}, {@code /config-history}, {@code /config-generations}, {@code
   * /services}, {@code /locks}, {@code /rwlocks}, {@code /semaphores} and {@code /elections} under
   * the namespace belong to Baton's recipes: write there only through them, and expect persistent
   * watches an application places on those paths through this shared client to be removed when the
   * last Baton watcher of the path closes.
   *
   * @return the client
   */
  public CuratorFramework curator() {
    return curator;
  }

  /**
   * The namespace every path of this coordinator lives under.
   *
   * @return the namespace, e.g. {@code pipelines/clickstream}, or an empty string for the root
   */
  public String namespace() {
    String ns = curator.getNamespace();
    return ns == null ? "" : ns;
  }

  /**
   * The connect string in use, e.g. {@code zk1:2181,zk2:2181}.
   *
   * @return the connect string
   */
  public String connectString() {
    return curator.getZookeeperClient().getCurrentConnectionString();
  }

  /**
   * The most recent connection state. Before the first connection it is {@link
   * ConnectionState#SUSPENDED} (not connected, nothing known yet), and {@link
   * ConnectionState#CONNECTED} as soon as the client is connected, even if listeners have not yet
   * heard of it.
   *
   * @return the state
   */
  public ConnectionState connectionState() {
    ConnectionState s = connectionState;
    if (s != null) {
      return s;
    }
    return curator.getZookeeperClient().isConnected()
        ? ConnectionState.CONNECTED
        : ConnectionState.SUSPENDED;
  }

  /**
   * The id of the current (or most recent) ZooKeeper session.
   *
   * @return the session id, or {@code 0} if never connected
   */
  public long sessionId() {
    // Read live: the CONNECTED event reaches listeners after awaitConnected() may have returned.
    long live = curator.getZookeeperClient().isConnected() ? readSessionId() : 0;
    return live != 0 ? live : sessionId.get();
  }

  /**
   * The session timeout the server granted, which may differ from the one asked for.
   *
   * @return the negotiated timeout, or {@link Duration#ZERO} if never connected
   */
  public Duration negotiatedSessionTimeout() {
    try {
      return Duration.ofMillis(curator.getZookeeperClient().getZooKeeper().getSessionTimeout());
    } catch (Exception e) {
      throw ZkErrors.translate(null, "read session timeout", e);
    }
  }

  /**
   * Waits until the client is connected to a server.
   *
   * @param timeout how long to wait at most
   * @return {@code true} if connected, {@code false} if the time ran out
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws IllegalStateException if the coordinator is closed
   */
  public boolean awaitConnected(Duration timeout) throws InterruptedException {
    requireNonNegative("timeout", timeout);
    checkOpen();
    return curator.blockUntilConnected(
        (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()), TimeUnit.MILLISECONDS);
  }

  /**
   * Adds a listener for connection state changes, called on Curator's connection-state thread.
   *
   * @param listener the listener
   * @return a handle that removes the listener
   */
  public ListenerHandle addConnectionListener(ConnectionListener listener) {
    return connectionListeners.add(listener);
  }

  /**
   * Adds a listener for connection state changes, called on {@code executor}.
   *
   * @param listener the listener
   * @param executor where the listener runs
   * @return a handle that removes the listener
   */
  public ListenerHandle addConnectionListener(ConnectionListener listener, Executor executor) {
    return connectionListeners.add(listener, executor);
  }

  /**
   * Removes a connection listener added earlier. Does nothing if it is not registered.
   *
   * @param listener the listener
   */
  public void removeConnectionListener(ConnectionListener listener) {
    connectionListeners.remove(listener);
  }

  /**
   * Ties {@code resource} to this coordinator: it is closed when the coordinator closes, in reverse
   * order of registration. Recipes register themselves here; applications may too.
   *
   * @param resource the resource
   * @param <R> its type
   * @return {@code resource}
   * @throws IllegalStateException if the coordinator is closed
   */
  public <R extends AutoCloseable> R manage(R resource) {
    Objects.requireNonNull(resource, "resource");
    synchronized (resources) {
      checkOpen();
      resources.push(resource);
    }
    return resource;
  }

  /**
   * Unties a resource registered with {@link #manage}, typically because it was closed on its own.
   *
   * @param resource the resource
   * @return whether it was registered
   */
  public boolean unmanage(AutoCloseable resource) {
    synchronized (resources) {
      return resources.removeFirstOccurrence(resource);
    }
  }

  // ---- config recipes (dev.baton.config) ----

  /**
   * Starts building a typed, live watcher of one config key (at {@code /config/<key>}).
   *
   * <pre>{@code
   * ConfigWatcher<EtlConfig> etl = coord.config("etl", Codecs.json(EtlConfig.class))
   *     .defaultValue(EtlConfig.DEFAULTS)
   *     .watch();
   * }</pre>
   *
   * @param key the key: segments of letters, digits, {@code . _ -} separated by {@code /}
   * @param codec how the stored bytes become values
   * @param <T> the value's type
   * @return the builder; {@code watch()} starts the watcher
   * @throws IllegalArgumentException if the key is invalid
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.config.ConfigWatcher
   */
  public <T> dev.baton.config.ConfigWatcher.Builder<T> config(
      String key, dev.baton.codec.Codec<T> codec) {
    return dev.baton.config.ConfigWatcher.builder(this, key, codec);
  }

  /**
   * The config store of this coordinator: validated, versioned writes with history.
   *
   * @return the store, keeping {@link dev.baton.config.ConfigStore#DEFAULT_HISTORY} versions
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.config.ConfigStore
   */
  public dev.baton.config.ConfigStore configs() {
    return dev.baton.config.ConfigStore.of(this);
  }

  /**
   * Watches the keys directly under {@code prefix} as one consistent snapshot.
   *
   * @param prefix the prefix, e.g. {@code etl} for the keys {@code etl/<name>}
   * @return the started group watcher, closed with this coordinator
   * @throws IllegalArgumentException if the prefix is invalid
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.config.ConfigGroup
   */
  public dev.baton.config.ConfigGroup configGroup(String prefix) {
    return dev.baton.config.ConfigGroup.watch(this, prefix);
  }

  // ---- service registry (dev.baton.registry) ----

  private final Object registryLock = new Object();
  private dev.baton.registry.@Nullable ServiceRegistry registry;

  /**
   * This coordinator's service registry: register instances of this process, watch other services.
   * Made on first use and kept; closed with the coordinator.
   *
   * <pre>{@code
   * Registration me = coord.registry().register(
   *     ServiceInstance.builder("collector").host("10.0.0.7").port(4141).build());
   * ServiceView collectors = coord.registry().watch("collector");
   * }</pre>
   *
   * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the
   * test sources.
   *
   * @return the registry
   * @throws IllegalStateException if the coordinator is closed
   */
  public dev.baton.registry.ServiceRegistry registry() {
    synchronized (registryLock) {
      checkOpen();
      if (registry == null) {
        registry = dev.baton.registry.ServiceRegistry.create(this);
      }
      return registry;
    }
  }

  // ---- leader election (dev.baton.election) ----

  /**
   * Starts building a participant (or observer) of the leader election {@code name}.
   *
   * <pre>{@code
   * LeaderElection election = coord.leaderElection("compactor")
   *     .participantId("worker-1")
   *     .onElected(leadership -> startCompacting(leadership.epoch()))
   *     .onRevoked((leadership, reason) -> stopCompacting())
   *     .start();
   * }</pre>
   *
   * <p>The compiled version is {@code dev.baton.examples.LeaderElectionExample} in the test
   * sources. The election is closed with this coordinator.
   *
   * @param name the election's name: letters, digits, {@code . _ -}
   * @return a builder; {@code start()} joins, {@code observe()} only watches
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.election.LeaderElection
   */
  public dev.baton.election.LeaderElection.Builder leaderElection(String name) {
    checkOpen();
    return dev.baton.election.LeaderElection.builder(this, name);
  }

  // ---- locks (dev.baton.lock) ----

  /**
   * The re-entrant mutex {@code name}, shared by every process that uses the name.
   *
   * <pre>{@code
   * try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
   *   lease.checkValid();
   *   store.commit(files, lease.fencingToken());
   * }
   * }</pre>
   *
   * <p>The compiled version is {@code dev.baton.examples.LockExample} in the test sources. The lock
   * is closed (its leases released) with this coordinator.
   *
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.lock.DistributedLock
   */
  public dev.baton.lock.DistributedLock lock(String name) {
    return dev.baton.lock.Locks.mutex(this, name);
  }

  /**
   * The read/write lock {@code name}: shared readers, exclusive writers.
   *
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.lock.ReadWriteLock
   */
  public dev.baton.lock.ReadWriteLock readWriteLock(String name) {
    return dev.baton.lock.Locks.readWrite(this, name);
  }

  /**
   * The counting semaphore {@code name}: at most {@code permits} leases at once.
   *
   * @param name the semaphore's name: letters, digits, {@code . _ -}
   * @param permits how many leases may be held at once; every process must use the same number
   * @return the semaphore
   * @throws IllegalArgumentException if the name is invalid or {@code permits} is below 1
   * @throws IllegalStateException if this coordinator is closed
   * @see dev.baton.lock.Semaphore
   */
  public dev.baton.lock.Semaphore semaphore(String name, int permits) {
    return dev.baton.lock.Locks.semaphore(this, name, permits);
  }

  /**
   * Whether {@link #close()} has been called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return state.get() == State.CLOSED;
  }

  /**
   * Closes every recipe made through this coordinator (newest first), then the Curator client if
   * this coordinator created it, then the embedded server if it started one. Idempotent. Failures
   * of single resources are logged; the rest still close.
   *
   * <p>Bounded, also when ZooKeeper cannot be reached (connections refused, or a silent partition
   * where nothing answers): recipes do not wait for the server while closing; their deletes run in
   * the background, and close waits for them at most one second, only while connected. It then
   * closes the client, which asks the server to end the session, and waits for that answer at most
   * half a second before dropping the connection. So close returns within about two seconds. Nodes
   * whose delete did not finish go with the session: at once when the server hears the session
   * close, or when it expires the session after its timeout. Closing a {@linkplain
   * #wrap(CuratorFramework) wrapped} client's coordinator leaves the client and its session open.
   */
  @Override
  public void close() {
    if (!state.compareAndSet(State.STARTED, State.CLOSED)) {
      return;
    }
    // Recipes closing from here on leave their deletes to the drain below instead of each waiting.
    BackgroundWork.beginClose(curator);
    List<AutoCloseable> toClose;
    synchronized (resources) {
      toClose = new ArrayList<>(resources);
      resources.clear();
    }
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", r, e);
      }
    }
    curator.getConnectionStateListenable().removeListener(curatorListener);
    connectionListeners.clear();
    // Curator logs ERROR for any operation started on a closed client: everything recipes left
    // running must be finished or stopped first.
    BackgroundWork.drain(curator, DRAIN_WAIT, ownsClient);
    if (ownsClient) {
      BackgroundWork.closeClient(curator, CLIENT_CLOSE_WAIT);
    }
    if (embedded != null) {
      embedded.close();
    }
    LOG.debug("Coordinator for {} closed", describe(curator));
  }

  @Override
  public String toString() {
    return "Coordinator{"
        + describe(curator)
        + ", session=0x"
        + Long.toHexString(sessionId.get())
        + ", "
        + connectionState()
        + "}";
  }

  /**
   * Throws if this coordinator is closed.
   *
   * @throws IllegalStateException if closed
   */
  public void checkOpen() {
    if (state.get() == State.CLOSED) {
      throw new IllegalStateException("coordinator " + describe(curator) + " is closed");
    }
  }

  private void onCuratorState(org.apache.curator.framework.state.ConnectionState s) {
    if (state.get() != State.STARTED) {
      return;
    }
    ConnectionState mapped =
        switch (s) {
          case CONNECTED -> ConnectionState.CONNECTED;
          case SUSPENDED -> ConnectionState.SUSPENDED;
          case RECONNECTED -> ConnectionState.RECONNECTED;
          case LOST -> ConnectionState.LOST;
          case READ_ONLY -> ConnectionState.READ_ONLY;
        };
    long previous = sessionId.get();
    long current = previous;
    boolean newSession = false;
    if (current == 0 && !mapped.isConnected()) {
      // Never saw this session connect: the client still knows which session it has lost touch
      // with.
      current = readSessionId();
      sessionId.compareAndSet(0, current);
    }
    if (mapped.isConnected()) {
      current = readSessionId();
      newSession = current != previous;
      sessionId.set(current);
    }
    connectionState = mapped;
    if (mapped == ConnectionState.LOST || mapped == ConnectionState.SUSPENDED) {
      LOG.warn("ZooKeeper session 0x{} {}", Long.toHexString(current), mapped);
    } else {
      LOG.info("ZooKeeper session 0x{} {}", Long.toHexString(current), mapped);
    }
    ConnectionEvent event = new ConnectionEvent(mapped, current, newSession, Instant.now());
    connectionListeners.forEach(l -> l.onConnectionEvent(event));
  }

  private long readSessionId() {
    try {
      return curator.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      LOG.debug("Session id not readable yet", e);
      return 0;
    }
  }

  private static String describe(CuratorFramework c) {
    String ns = c.getNamespace();
    return c.getZookeeperClient().getCurrentConnectionString()
        + (ns == null || ns.isEmpty() ? "" : "/" + ns);
  }

  static Duration requireNonNegative(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + d);
    }
    return d;
  }

  static Duration requirePositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  static String validNamespace(String ns) {
    return Names.relativePath("namespace", ns);
  }

  /**
   * Settings of a {@link Coordinator}. Either {@link #connectString(String)} or {@link #embedded()}
   * is required; everything else has a documented default. Every setter checks its argument and
   * names the bad value; {@link #build()} checks the combination.
   *
   * @since 0.1
   */
  public static final class Builder {
    static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

    private @Nullable String connectString;
    private boolean embedded;
    private @Nullable String namespace;
    private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
    private @Nullable Duration connectionTimeout;
    private org.apache.curator.@Nullable RetryPolicy retryPolicy;
    private final List<org.apache.curator.framework.AuthInfo> authInfos = new ArrayList<>();
    private org.apache.curator.framework.api.@Nullable ACLProvider aclProvider;
    private AclMode aclMode = AclMode.OPEN;
    private org.apache.zookeeper.client.@Nullable ZKClientConfig clientConfig;
    private boolean canBeReadOnly;

    private Builder() {}

    /**
     * The ZooKeeper ensemble: comma-separated {@code host:port} pairs, optionally followed by a
     * chroot path, e.g. {@code zk1:2181,zk2:2181,zk3:2181} or {@code zk1:2181/apps}.
     *
     * @param connectString the connect string
     * @return this builder
     * @throws IllegalArgumentException if it is empty, names no host, or has a bad port or chroot
     */
    public Builder connectString(String connectString) {
      this.connectString = ConnectStrings.validate(connectString);
      return this;
    }

    /**
     * Starts a real ZooKeeper server in this JVM (temporary data, free loopback port) and connects
     * to it; the coordinator stops the server when it closes. For development and demos.
     *
     * @return this builder
     */
    public Builder embedded() {
      this.embedded = true;
      return this;
    }

    /**
     * Puts every path of this coordinator under {@code /namespace}. Default: no namespace.
     *
     * @param namespace slash-separated segments of letters, digits, {@code . _ -}, e.g. {@code
     *     pipelines/clickstream}; no leading or trailing slash
     * @return this builder
     * @throws IllegalArgumentException if the namespace is invalid
     */
    public Builder namespace(String namespace) {
      this.namespace = validNamespace(namespace);
      return this;
    }

    /**
     * The session timeout to ask for; the server may grant a different one (between 2 and 20 of its
     * ticks). Default 15 s.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder sessionTimeout(Duration timeout) {
      this.sessionTimeout = requirePositive("sessionTimeout", timeout);
      return this;
    }

    /**
     * How long a single connection attempt may take. Default 10 s, or the session timeout if that
     * is shorter.
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectionTimeout(Duration timeout) {
      this.connectionTimeout = requirePositive("connectionTimeout", timeout);
      return this;
    }

    /**
     * How Curator retries operations that failed on a lost connection. Default: exponential backoff
     * from 100 ms to 5 s, 10 retries.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(org.apache.curator.RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Adds authentication sent on every (re)connection, e.g. scheme {@code digest} with {@code
     * user:password} bytes, or {@code sasl}.
     *
     * @param scheme the ZooKeeper auth scheme
     * @param auth the scheme's credentials
     * @return this builder
     * @throws IllegalArgumentException if the scheme is blank
     */
    public Builder authorization(String scheme, byte[] auth) {
      if (scheme == null || scheme.isBlank()) {
        throw new IllegalArgumentException("auth scheme must not be blank");
      }
      authInfos.add(
          new org.apache.curator.framework.AuthInfo(
              scheme, Objects.requireNonNull(auth, "auth").clone()));
      return this;
    }

    /**
     * Adds digest authentication as {@code user}.
     *
     * @param user the user name (no colon)
     * @param password the password
     * @return this builder
     * @throws IllegalArgumentException if the user is blank or contains {@code ':'}
     */
    public Builder digestAuth(String user, String password) {
      if (user == null || user.isBlank() || user.indexOf(':') >= 0) {
        throw new IllegalArgumentException(
            "digest user '" + user + "' must be non-blank and contain no ':'");
      }
      Objects.requireNonNull(password, "password");
      return authorization(
          "digest", (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Chooses ACLs for created nodes from a fixed mode. Default {@link AclMode#OPEN}.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder acl(AclMode mode) {
      this.aclMode = Objects.requireNonNull(mode, "aclMode");
      return this;
    }

    /**
     * Chooses ACLs for created nodes per path; overrides {@link #acl(AclMode)}.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder aclProvider(org.apache.curator.framework.api.ACLProvider provider) {
      this.aclProvider = Objects.requireNonNull(provider, "aclProvider");
      return this;
    }

    /**
     * ZooKeeper client settings, e.g. TLS ({@code zookeeper.client.secure}, key and trust stores)
     * or SASL, without touching JVM-wide system properties.
     *
     * @param config the client configuration
     * @return this builder
     */
    public Builder clientConfig(org.apache.zookeeper.client.ZKClientConfig config) {
      this.clientConfig = Objects.requireNonNull(config, "clientConfig");
      return this;
    }

    /**
     * Whether to keep serving reads from a server that lost its quorum. Default {@code false}.
     *
     * @param canBeReadOnly whether read-only mode is allowed
     * @return this builder
     */
    public Builder canBeReadOnly(boolean canBeReadOnly) {
      this.canBeReadOnly = canBeReadOnly;
      return this;
    }

    /**
     * Starts the client (and the embedded server, if asked) and returns the coordinator. The client
     * connects in the background: use {@link Coordinator#awaitConnected(Duration)} to wait.
     *
     * @return a started coordinator
     * @throws IllegalStateException if neither or both of a connect string and {@link #embedded()}
     *     were given, or if {@code connectionTimeout} exceeds {@code sessionTimeout}
     */
    public Coordinator build() {
      if (connectString == null && !embedded) {
        throw new IllegalStateException(
            "no ZooKeeper to connect to: set connectString(...) or embedded()");
      }
      if (connectString != null && embedded) {
        throw new IllegalStateException(
            "both connectString(" + connectString + ") and embedded() given: choose one");
      }
      Duration connectionTimeout =
          this.connectionTimeout != null
              ? this.connectionTimeout
              : (DEFAULT_CONNECTION_TIMEOUT.compareTo(sessionTimeout) > 0
                  ? sessionTimeout
                  : DEFAULT_CONNECTION_TIMEOUT);
      if (connectionTimeout.compareTo(sessionTimeout) > 0) {
        throw new IllegalStateException(
            "connectionTimeout "
                + connectionTimeout
                + " must not exceed sessionTimeout "
                + sessionTimeout);
      }
      EmbeddedZooKeeper server = embedded ? EmbeddedZooKeeper.builder().start() : null;
      try {
        org.apache.curator.framework.CuratorFrameworkFactory.Builder b =
            org.apache.curator.framework.CuratorFrameworkFactory.builder()
                .connectString(server != null ? server.connectString() : connectString)
                .sessionTimeoutMs((int) sessionTimeout.toMillis())
                .connectionTimeoutMs((int) connectionTimeout.toMillis())
                .retryPolicy(
                    retryPolicy != null
                        ? retryPolicy
                        : new org.apache.curator.retry.BoundedExponentialBackoffRetry(
                            100, 5000, 10))
                .canBeReadOnly(canBeReadOnly)
                .threadFactory(dev.baton.internal.NamedThreads.of("curator"))
                .aclProvider(aclProvider != null ? aclProvider : AclProviders.of(aclMode));
        if (namespace != null) {
          b.namespace(namespace);
        }
        if (!authInfos.isEmpty()) {
          b.authorization(List.copyOf(authInfos));
        }
        if (clientConfig != null) {
          b.zkClientConfig(clientConfig);
        }
        CuratorFramework client = b.build();
        client.start();
        return new Coordinator(client, true, server);
      } catch (RuntimeException e) {
        if (server != null) {
          server.close();
        }
        throw e;
      }
    }
  }
}
