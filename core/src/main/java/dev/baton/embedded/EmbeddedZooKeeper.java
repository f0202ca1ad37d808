package dev.baton.embedded;

import dev.baton.CoordinationException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, standalone ZooKeeper server running inside this JVM: the same server code as a production
 * ensemble member, listening on a loopback port, with its data on disk.
 *
 * <p>Meant for development, demos and tests, not production: one process, one member, no quorum. It
 * can be stopped and started again on the same port and data directory, and keeps its data across
 * such restarts; a client session survives a restart shorter than its session timeout.
 *
 * <pre>{@code
 * try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().start();
 *     Coordinator coord = Coordinator.builder().connectString(zk.connectString()).build()) {
 *   coord.awaitConnected(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>See {@code dev.baton.examples.EmbeddedExample} in the test sources for a compiled example.
 *
 * <p>Several coordinators (of this process, or of others on the same machine) can share one server:
 * start it once and hand its {@link #connectString()} around; close the coordinators before the
 * server, or their clients log reconnection warnings. {@code Coordinator.builder().embedded()} is
 * the shortcut for a program that needs exactly one coordinator on its own private server: the
 * coordinator starts the server and stops it when it closes.
 *
 * <p>The server's threads are daemon threads: a program that never closes its embedded server (or
 * the coordinator that owns one) still exits when its last non-daemon thread ends. Baton logs one
 * INFO line when the server starts and nothing else above DEBUG; ZooKeeper's own server and client
 * classes log their banner and environment at INFO, which the logger {@code org.apache.zookeeper}
 * set to WARN silences. Stopping the server logs nothing at WARN or ERROR. At most 10,000 client
 * connections are accepted.
 *
 * <p>Thread-safe: {@link #stop()}, {@link #restart()} and {@link #close()} may be called from any
 * thread.
 *
 * @since 0.1
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_CONNECTIONS = 10_000;

  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int port;
  private final Properties config;
  private @Nullable ServerRun server;
  private boolean closed;

  private EmbeddedZooKeeper(Builder b, Path dataDir, boolean deleteOnClose, int port) {
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
    this.config =
        ServerSetup.config(b.tickTime, port, b.bindAddress, dataDir, b.forceSync, b.extra);
  }

  /**
   * Starts building a server. Without settings it uses a fresh temporary data directory (deleted on
   * close), a free loopback port and a tick of 200 ms.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The connect string for clients, e.g. {@code 127.0.0.1:40123}.
   *
   * @return host and port of this server
   */
  public String connectString() {
    return ServerSetup.hostForClients() + ":" + port;
  }

  /** {@return the client port} */
  public int port() {
    return port;
  }

  /** {@return the directory holding the server's snapshots and transaction log} */
  public Path dataDir() {
    return dataDir;
  }

  /** {@return whether the server is running} */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /**
   * Stops the server, keeping its data. Connected clients see their connection drop; their sessions
   * stay valid until their timeout passes without a running server.
   */
  public synchronized void stop() {
    ServerRun s = server;
    server = null;
    if (s != null) {
      s.stop();
      LOG.debug("Embedded ZooKeeper on port {} stopped", port);
    }
  }

  /**
   * Starts the server again on the same port and data directory (does nothing if it runs).
   *
   * @throws IllegalStateException if the server was closed
   * @throws CoordinationException if the server does not start
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("embedded ZooKeeper on port " + port + " is closed");
    }
    if (server != null) {
      return;
    }
    // The server turns unknown config keys into JVM-global "zookeeper.*" properties: put back
    // whatever it changed, so one embedded server does not reconfigure other code in the JVM.
    Properties before = (Properties) System.getProperties().clone();
    try {
      // Read by the server's connection factory at start: without it, every start logs a warning.
      System.setProperty("zookeeper.maxCnxns", Integer.toString(MAX_CONNECTIONS));
      server = ServerRun.start(config, "baton-embedded-zk-" + port, START_TIMEOUT);
      LOG.info("Embedded ZooKeeper serving on {} (data in {})", connectString(), dataDir);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new CoordinationException(
          connectString(), "embedded ZooKeeper failed to start in " + dataDir + ": " + e, e);
    } finally {
      ServerSetup.restoreSystemProperties(before);
    }
  }

  /** Stops the server and, if the data directory was a temporary one, deletes it. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    if (deleteOnClose) {
      ServerSetup.deleteRecursively(dataDir);
    }
  }

  @Override
  public String toString() {
    return "EmbeddedZooKeeper{" + connectString() + ", running=" + isRunning() + "}";
  }

  /**
   * Settings of an {@link EmbeddedZooKeeper}. Every setting has a default; {@link #start()} builds
   * and starts the server.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable Path dataDir;
    private int port;
    private Duration tickTime = Duration.ofMillis(200);
    private boolean forceSync = true;
    private String bindAddress = ServerSetup.hostForClients();
    private final Map<String, String> extra = new TreeMap<>();

    private Builder() {}

    /**
     * Keeps the server's data in {@code dir} (created if missing, kept on close). Default: a new
     * temporary directory, deleted on close.
     *
     * @param dir the data directory
     * @return this builder
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    /**
     * Listens on {@code port}. Default {@code 0}: a free port chosen at start.
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the port is out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is not in 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * ZooKeeper's tick: the server grants session timeouts between 2 and 20 ticks (at least 60 s as
     * the upper bound here). Default 200 ms, so sessions as short as 400 ms are allowed.
     *
     * @param tick a positive duration of at least 1 ms
     * @return this builder
     * @throws IllegalArgumentException if {@code tick} is shorter than 1 ms
     */
    public Builder tickTime(Duration tick) {
      if (tick.toMillis() < 1) {
        throw new IllegalArgumentException("tickTime " + tick + " must be at least 1 ms");
      }
      this.tickTime = tick;
      return this;
    }

    /**
     * Whether the server fsyncs its transaction log before acknowledging a write. Default {@code
     * true}, as in production; {@code false} roughly halves write latency.
     *
     * @param forceSync whether to fsync
     * @return this builder
     */
    public Builder forceSync(boolean forceSync) {
      this.forceSync = forceSync;
      return this;
    }

    /**
     * The address to listen on. Default: the loopback address.
     *
     * @param address a host name or literal address
     * @return this builder
     */
    public Builder bindAddress(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bindAddress must not be blank");
      }
      this.bindAddress = address;
      return this;
    }

    /**
     * Sets any other {@code zoo.cfg} property, e.g. {@code autopurge.purgeInterval}.
     *
     * @param key the property name
     * @param value its value
     * @return this builder
     */
    public Builder property(String key, String value) {
      if (key == null || key.isBlank()) {
        throw new IllegalArgumentException("property key must not be blank");
      }
      extra.put(key, Objects.requireNonNull(value, "value of property " + key));
      return this;
    }

    /**
     * Builds and starts the server.
     *
     * @return the running server
     * @throws CoordinationException if it does not start
     * @throws UncheckedIOException if the data directory cannot be created
     */
    public EmbeddedZooKeeper start() {
      boolean temporary = dataDir == null;
      Path dir = ServerSetup.dataDir(dataDir);
      EmbeddedZooKeeper zk =
          new EmbeddedZooKeeper(this, dir, temporary, port == 0 ? ServerSetup.freePort() : port);
      try {
        zk.restart();
      } catch (RuntimeException e) {
        zk.close();
        throw e;
      }
      return zk;
    }
  }
}
