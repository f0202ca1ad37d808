package dev.baton;

import dev.baton.codec.Codec;
import dev.baton.config.ConfigGroup;
import dev.baton.config.ConfigStore;
import dev.baton.config.ConfigWatcher;
import dev.baton.election.LeaderElection;
import dev.baton.embedded.EmbeddedZooKeeper;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Parts;
import dev.baton.lock.DistributedLock;
import dev.baton.lock.LockLease;
import dev.baton.lock.Locks;
import dev.baton.lock.ReadWriteLock;
import dev.baton.lock.Semaphore;
import dev.baton.registry.ServiceRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
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
public final class Coordinator extends ConnectionTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  // Bounds of close(): see its javadoc.
  private static final Duration DRAIN_WAIT = Duration.ofSeconds(1);
  private static final Duration CLIENT_CLOSE_WAIT = Duration.ofMillis(500);
  private static final Duration UNANSWERED_CLOSE_WAIT = Duration.ofMillis(50);

  static {
    // The recipe packages reach a coordinator's shared parts through this accessor, not through
    // a public method: managing resources and shared state is not part of the coordinator's API.
    Parts.install(coordinator -> coordinator.parts);
  }

  private final CuratorFramework curator;
  private final boolean ownsClient;
  private final @Nullable EmbeddedZooKeeper embedded;
  private final Parts parts;

  Coordinator(CuratorFramework curator, boolean ownsClient, @Nullable EmbeddedZooKeeper embedded) {
    this(curator, ownsClient, embedded, new Parts(describe(curator)));
  }

  private Coordinator(
      CuratorFramework curator,
      boolean ownsClient,
      @Nullable EmbeddedZooKeeper embedded,
      Parts parts) {
    super(curator, parts, describe(curator));
    this.curator = curator;
    this.ownsClient = ownsClient;
    this.embedded = embedded;
    this.parts = parts;
  }

  /**
   * Starts building a coordinator that owns its own Curator client.
   *
   * @return a new builder
   */
  public static CoordinatorBuilder builder() {
    return new CoordinatorBuilder();
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
    if (Objects.requireNonNull(client, "client").getState() != CuratorFrameworkState.STARTED) {
      throw new IllegalArgumentException(
          "Curator client must be started before wrapping it (state is " + client.getState() + ")");
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

  // ---- recipes: each type's javadoc has the example ----

  /**
   * Starts building a typed, live watcher of one config key (at {@code /config/<key>}); see {@link
   * ConfigWatcher} for an example.
   *
   * @param key the key: segments of letters, digits, {@code . _ -} separated by {@code /}
   * @param codec how the stored bytes become values
   * @param <T> the value's type
   * @return the builder; {@code watch()} starts the watcher, closed with this coordinator
   * @throws IllegalArgumentException if the key is invalid
   * @throws IllegalStateException if this coordinator is closed
   */
  public <T> ConfigWatcher.Builder<T> config(String key, Codec<T> codec) {
    return ConfigWatcher.builder(this, key, codec);
  }

  /**
   * The config store of this coordinator: validated, versioned writes with history.
   *
   * @return the store, keeping {@link ConfigStore#DEFAULT_HISTORY} versions
   * @throws IllegalStateException if this coordinator is closed
   */
  public ConfigStore configs() {
    return ConfigStore.of(this);
  }

  /**
   * Watches the keys directly under {@code prefix} as one consistent snapshot; see {@link
   * ConfigGroup}.
   *
   * @param prefix the prefix, e.g. {@code etl} for the keys {@code etl/<name>}
   * @return the started group watcher, closed with this coordinator
   * @throws IllegalArgumentException if the prefix is invalid
   * @throws IllegalStateException if this coordinator is closed
   */
  public ConfigGroup configGroup(String prefix) {
    return ConfigGroup.watch(this, prefix);
  }

  /**
   * This coordinator's service registry: register instances of this process, watch other services
   * (see {@link ServiceRegistry} for an example). Made on first use; closed with the coordinator.
   *
   * @return the registry
   * @throws IllegalStateException if the coordinator is closed
   */
  public ServiceRegistry registry() {
    return ServiceRegistry.of(this);
  }

  /**
   * Starts building a participant (or observer) of the leader election {@code name}; see {@link
   * LeaderElection} for an example. The election is closed with this coordinator.
   *
   * @param name the election's name: letters, digits, {@code . _ -}
   * @return a builder; {@code start()} joins, {@code observe()} only watches
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   */
  public LeaderElection.Builder leaderElection(String name) {
    parts.checkOpen();
    return LeaderElection.builder(this, name);
  }

  /**
   * The re-entrant mutex {@code name}, shared by every process that uses the name; see {@link
   * LockLease} for an example. Closed (its leases released) with this coordinator.
   *
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   */
  public DistributedLock lock(String name) {
    return Locks.mutex(this, name);
  }

  /**
   * The read/write lock {@code name}: shared readers, exclusive writers.
   *
   * @param name the lock's name: letters, digits, {@code . _ -}
   * @return the lock
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException if this coordinator is closed
   */
  public ReadWriteLock readWriteLock(String name) {
    return Locks.readWrite(this, name);
  }

  /**
   * The counting semaphore {@code name}: at most {@code permits} leases at once.
   *
   * @param name the semaphore's name: letters, digits, {@code . _ -}
   * @param permits how many leases may be held at once; every process must use the same number
   * @return the semaphore
   * @throws IllegalArgumentException if the name is invalid or {@code permits} is below 1
   * @throws IllegalStateException if this coordinator is closed
   */
  public Semaphore semaphore(String name, int permits) {
    return Locks.semaphore(this, name, permits);
  }

  /**
   * Whether {@link #close()} has been called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return parts.isClosed();
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
   * half a second before dropping the connection, and not at all when the server was not answering
   * the deletes or is not connected. So close returns within about one and a half seconds. Nodes
   * whose delete did not finish go with the session: at once when the server hears the session
   * close, or when it expires the session after its timeout. Closing a {@linkplain
   * #wrap(CuratorFramework) wrapped} client's coordinator leaves the client and its session open.
   */
  @Override
  public void close() {
    List<AutoCloseable> toClose = parts.close();
    if (toClose == null) {
      return; // closed before
    }
    // Recipes closing from here on leave their deletes to the drain below instead of each waiting.
    BackgroundWork.beginClose(curator);
    for (AutoCloseable r : toClose) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", r, e);
      }
    }
    closeConnectionTracking();
    // Curator logs ERROR for any operation started on a closed client: everything recipes left
    // running must be finished or stopped first.
    int unanswered = BackgroundWork.drain(curator, DRAIN_WAIT, ownsClient);
    if (ownsClient) {
      // Wait for the server to confirm the end of the session only if it is reachable and was
      // answering: after the drain's wait went unanswered (a silent partition) or with no
      // connection at all, nothing will answer, and waiting would only spend close's bound.
      boolean answering = unanswered == 0 && curator.getZookeeperClient().isConnected();
      ClientClose.close(curator, answering ? CLIENT_CLOSE_WAIT : UNANSWERED_CLOSE_WAIT);
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
        + Long.toHexString(lastSessionId())
        + ", "
        + connectionState()
        + "}";
  }

  private static String describe(CuratorFramework c) {
    String ns = c.getNamespace();
    return c.getZookeeperClient().getCurrentConnectionString()
        + (ns == null || ns.isEmpty() ? "" : "/" + ns);
  }
}
