package dev.baton.testing;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper for JUnit 5 tests: a standalone server or an ensemble of several members,
 * running in the test JVM, with fault helpers.
 *
 * <p>Registered on a {@code static} field, one server serves the whole test class; on an instance
 * field, every test gets a fresh one. Clients opened through {@link #connect(Function)} or {@link
 * #newCurator()} are closed after each test. JVM-wide system properties that the servers change are
 * restored when the server stops.
 *
 * <pre>{@code
 * class MyTest {
 *   @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();
 *
 *   @Test
 *   void survivesExpiry() {
 *     Coordinator coord = zk.connect(cs -> Coordinator.builder()
 *         .connectString(cs).sessionTimeout(zk.sessionTimeout()).build());
 *     zk.expireSession(coord.curator());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The servers use a tick of 200 ms, so sessions may be as short as 400 ms (and, on the
 * standalone server, as long as 60 s); {@link #sessionTimeout()} suggests 3 s, which keeps fault
 * tests fast without spurious expiry on a busy machine.
 *
 * @since 0.1
 */
public final class ZooKeeperExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private static final int TICK_MS = 200;
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(3);

  private final ServerLifecycle lifecycle;
  private final TestConnections perTest = new TestConnections();

  private ZooKeeperExtension(int members, @Nullable EnsembleOptions options) {
    this.lifecycle = new ServerLifecycle(members, TICK_MS, options);
  }

  /**
   * One standalone server.
   *
   * @return the extension, to register with {@code @RegisterExtension}
   */
  public static ZooKeeperExtension standalone() {
    return new ZooKeeperExtension(1, null);
  }

  /**
   * An ensemble of {@code size} members (3 gives one failure of tolerance).
   *
   * @param size number of members, at least 2
   * @return the extension, to register with {@code @RegisterExtension}
   * @throws IllegalArgumentException if {@code size} is below 2
   */
  public static ZooKeeperExtension ensemble(int size) {
    if (size < 2) {
      throw new IllegalArgumentException(
          "an ensemble needs at least 2 members, was " + size + " (use standalone())");
    }
    return new ZooKeeperExtension(size, null);
  }

  /**
   * An ensemble whose members reach each other through relays that a test can cut ({@link
   * #quorumLinks()}), with the timing and modes of {@code options}. Members are ZooKeeper's own
   * embedded servers, each with its own configuration.
   *
   * <pre>{@code
   * @RegisterExtension
   * static ZooKeeperExtension zk = ZooKeeperExtension.ensemble(EnsembleOptions.builder()
   *     .tickTime(Duration.ofMillis(200))
   *     .syncLimit(5)
   *     .build());
   * }</pre>
   *
   * (From {@code QuorumLinksTest} in this module's tests.)
   *
   * @param options the ensemble's settings
   * @return the extension, to register with {@code @RegisterExtension}
   * @throws NullPointerException if {@code options} is null
   * @since 0.1
   */
  public static ZooKeeperExtension ensemble(EnsembleOptions options) {
    Objects.requireNonNull(options, "options");
    return new ZooKeeperExtension(options.members(), options);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    lifecycle.beforeAll();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    lifecycle.stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    lifecycle.beforeEach();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      perTest.closeAll();
    } finally {
      lifecycle.afterEach();
    }
  }

  /**
   * The connect string of the running server or ensemble, e.g. {@code 127.0.0.1:40123}.
   *
   * @return the connect string
   * @throws IllegalStateException outside a test
   */
  public String connectString() {
    return lifecycle.require().connectString();
  }

  /**
   * A session timeout suited to tests: short enough for fast expiry tests, long enough not to
   * expire on a busy two-core machine. 3 seconds.
   *
   * @return the suggested session timeout
   */
  public Duration sessionTimeout() {
    return SESSION_TIMEOUT;
  }

  /**
   * Opens a client with {@code factory} (given the connect string) and closes it after the current
   * test. The way to get a {@code Coordinator}:
   *
   * <pre>{@code
   * Coordinator coord = zk.connect(cs -> Coordinator.builder().connectString(cs).build());
   * }</pre>
   *
   * @param factory makes the client from the connect string
   * @param <T> the client type
   * @return the client
   */
  public <T extends AutoCloseable> T connect(Function<String, T> factory) {
    return perTest.add(
        Objects.requireNonNull(factory.apply(connectString()), "factory returned null"));
  }

  /**
   * A started Curator client with the {@linkplain #sessionTimeout() test session timeout}, closed
   * after the current test.
   *
   * @return the client
   */
  public CuratorFramework newCurator() {
    return connect(cs -> TestConnections.curator(cs, SESSION_TIMEOUT));
  }

  /**
   * Expires the client's session on the server, as if the client had been silent past its timeout:
   * the server deletes its ephemeral nodes and watches, and the client hears LOST when it next
   * talks to the server, then opens a new session.
   *
   * @param client a connected client (for a Baton {@code Coordinator}: {@code coord.curator()})
   */
  public void expireSession(CuratorFramework client) {
    lifecycle.run(s -> s.expireSession(client), "expire session");
  }

  /**
   * Closes every client connection on the server side. Sessions survive: clients see SUSPENDED,
   * reconnect and see RECONNECTED with the same session id. On an ensemble, restarts every member.
   */
  public void dropConnections() {
    lifecycle.run(ServerHandle::dropConnections, "drop connections");
  }

  /**
   * A relay in front of the standalone server that the test can cut, to isolate only the clients
   * that connect through it (see {@link NetworkPartition}). Closed after the current test.
   *
   * @return the relay; connect clients to its {@link NetworkPartition#connectString()}
   * @throws UnsupportedOperationException on an ensemble
   */
  public NetworkPartition partition() {
    lifecycle.requireStandalone(
        "partition() relays to one server: use a standalone extension, or killServer(i)");
    return connect(NetworkPartition::new);
  }

  /**
   * The quorum and election links between the members, to cut one member off silently.
   *
   * @return the links of the running ensemble
   * @throws UnsupportedOperationException unless the extension was made with {@link
   *     #ensemble(EnsembleOptions)}
   * @throws IllegalStateException outside a test
   * @since 0.1
   */
  public QuorumLinks quorumLinks() {
    return lifecycle.quorumLinks();
  }

  /**
   * A protocol-aware relay in front of the standalone server, for faults at one exact request: a
   * reply lost after its request took effect, a connection dropped at a given request, connection
   * flaps, and request counts by operation (see {@link ZooKeeperRelay}). Closed after the current
   * test.
   *
   * <pre>{@code
   * ZooKeeperRelay relay = zk.relay();
   * Coordinator coord = zk.connect(cs -> Coordinator.builder()
   *     .connectString(relay.connectString()).sessionTimeout(zk.sessionTimeout()).build());
   * relay.loseReplyTo(ZooDefs.OpCode.multi);
   * }</pre>
   *
   * @return the relay; connect clients to its {@link ZooKeeperRelay#connectString()}
   * @throws UnsupportedOperationException on an ensemble
   */
  public ZooKeeperRelay relay() {
    lifecycle.requireStandalone("relay() forwards to one server: use a standalone extension");
    return connect(ZooKeeperRelay::new);
  }

  /** Stops a standalone server, keeping its data; clients see their connections drop. */
  public void stop() {
    killServer(0);
  }

  /** Starts a stopped standalone server again on the same port and data. */
  public void restart() {
    restartServer(0);
  }

  /**
   * Kills ensemble member {@code i} (0-based).
   *
   * @param i the member
   */
  public void killServer(int i) {
    lifecycle.stopMember(i);
  }

  /**
   * Restarts ensemble member {@code i} (0-based) on its old ports and data.
   *
   * @param i the member
   */
  public void restartServer(int i) {
    lifecycle.restartMember(i);
  }

  /**
   * The member the client is connected to.
   *
   * @param client the client
   * @return the 0-based member index, or -1 if not connected
   */
  public int connectedServer(CuratorFramework client) {
    return lifecycle.connectedMember(client);
  }

  /**
   * The number of watch registrations the standalone server holds, over all sessions and paths
   * (including Curator's own watch on the ensemble configuration). To check one path, prefer {@link
   * #watchersOf(String)}.
   *
   * @return the watch count
   * @throws UnsupportedOperationException on an ensemble
   */
  public long watchCount() {
    return lifecycle.require().watchCount();
  }

  /**
   * The number of sessions holding a data watch (one-shot or persistent) on exactly {@code path} on
   * the standalone server: the way to check that a recipe's {@code close()} removed its watch.
   *
   * @param path the full server-side path, including any namespace (e.g. {@code /ns/config/etl})
   * @return the number of watching sessions, 0 if none
   * @throws UnsupportedOperationException on an ensemble
   */
  public int watchersOf(String path) {
    return lifecycle.require().watchersOf(path);
  }

  /** {@return the number of members: 1 for standalone} */
  public int size() {
    return lifecycle.size();
  }
}
