package dev.baton.testing;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A relay between clients and the standalone ZooKeeper server that reads ZooKeeper's wire protocol
 * (length-prefixed jute frames), so a test can fail a connection at one exact request, and count
 * the requests clients send by operation code. Every fault closes only the relayed connection: the
 * session survives, the client reconnects through the relay at once and goes on with the same
 * session id.
 *
 * <ul>
 *   <li>{@link #loseReplyTo(int)}: the next request of that operation is forwarded and executed,
 *       but its reply never reaches the client: the connection is closed when the server answers.
 *       The client sees {@code CONNECTIONLOSS} for a request that took effect, the case a retry
 *       must recognise.
 *   <li>{@link #dropAtRequest(int)}: the connection is closed when the client sends the next
 *       request of that operation, before the server sees it.
 *   <li>{@link #dropConnections()}: closes every relayed connection now (a connection flap).
 *   <li>{@link #requests(int)}, {@link #requests(int, String)}: how many requests of an operation
 *       clients sent through the relay, in all or on a subtree.
 * </ul>
 *
 * <p>Operation codes are ZooKeeper's, from {@code org.apache.zookeeper.ZooDefs.OpCode}: {@code
 * multi} (14), {@code addWatch} (106), {@code getData} (4), {@code getChildren2} (12) and so on.
 *
 * <pre>{@code
 * ZooKeeperRelay relay = zk.relay();
 * CuratorFramework client = CuratorFrameworkFactory.newClient(
 *     relay.connectString(), new RetryNTimes(3, 100));
 * client.start();
 * client.create().forPath("/counter");
 * relay.loseReplyTo(ZooDefs.OpCode.setData);
 * client.setData().forPath("/counter", new byte[] {1});
 * // The setData landed, its reply was lost, and Curator sent it again after the reconnect:
 * // the node is at version 2.
 * }</pre>
 *
 * <p>The compiled version of this example is {@code ZooKeeperRelayTest.theJavadocExample} in the
 * test sources.
 *
 * <p>Get one from {@link ZooKeeperExtension#relay()}, which closes it after the test. Relay threads
 * are daemons named {@code baton-test-relay-*}. Thread-safe.
 *
 * @since 0.1
 */
public final class ZooKeeperRelay implements AutoCloseable {
  private static final int OPCODES = 256;

  private final Relay relay;
  private final AtomicLongArray requests = new AtomicLongArray(OPCODES);
  // Counts by operation and exact path: bounded by the paths clients use, not by their requests.
  private final ConcurrentHashMap<Request, AtomicLong> byPath = new ConcurrentHashMap<>();
  private final AtomicReference<@Nullable Fault> armed = new AtomicReference<>();
  private final AtomicInteger faults = new AtomicInteger();

  /** A one-shot fault waiting for its request. */
  record Fault(int opcode, boolean forward) {}

  /** An operation on a path, as counted. */
  record Request(int opcode, String path) {}

  ZooKeeperRelay(String targetHostPort) {
    this.relay =
        new Relay(
            "relay",
            Relay.address(targetHostPort),
            Relay.WhileHeld.RELAY,
            () -> FramePumps.of(this));
  }

  /**
   * The connect string clients use to reach the server through this relay.
   *
   * @return a loopback {@code host:port}
   */
  public String connectString() {
    return relay.connectString();
  }

  /**
   * Arms a lost reply: the next request of operation {@code opcode}, from any relayed client, is
   * forwarded to the server and executed there, and the connection is closed as soon as the server
   * answers it, so the reply is lost. Once only; replaces a fault armed before and not yet fired.
   *
   * @param opcode the operation, e.g. {@code ZooDefs.OpCode.multi}
   * @throws IllegalArgumentException if {@code opcode} is not between 1 and 255
   */
  public void loseReplyTo(int opcode) {
    armed.set(new Fault(checkOpcode(opcode), true));
  }

  /**
   * Arms a drop at a request: the connection carrying the next request of operation {@code opcode}
   * is closed before the request reaches the server. Once only; replaces a fault armed before and
   * not yet fired.
   *
   * @param opcode the operation, e.g. {@code ZooDefs.OpCode.addWatch}
   * @throws IllegalArgumentException if {@code opcode} is not between 1 and 255
   */
  public void dropAtRequest(int opcode) {
    armed.set(new Fault(checkOpcode(opcode), false));
  }

  /**
   * How many armed faults have fired: a test waits for this to grow before it looks at the effect.
   *
   * @return the number of connections closed by {@link #loseReplyTo} or {@link #dropAtRequest}
   */
  public int faultsFired() {
    return faults.get();
  }

  /** Closes every relayed connection now; clients reconnect through the relay at once. */
  public void dropConnections() {
    relay.closeConnections();
  }

  /**
   * How many requests of an operation relayed clients have sent since the relay opened (the
   * session's connect request is not counted).
   *
   * @param opcode the operation, e.g. {@code ZooDefs.OpCode.getChildren2}
   * @return the count
   * @throws IllegalArgumentException if {@code opcode} is not between 1 and 255
   */
  public long requests(int opcode) {
    return requests.get(checkOpcode(opcode));
  }

  /**
   * How many requests of an operation on {@code path} or below it relayed clients have sent: the
   * way to count what one recipe sends when others share the session. Operations that name no path
   * (such as {@code multi}) are never counted here.
   *
   * @param opcode the operation, e.g. {@code ZooDefs.OpCode.getData}
   * @param path a full path, namespace included, e.g. {@code /app/elections/leader}
   * @return the count
   * @throws IllegalArgumentException if {@code opcode} is not between 1 and 255, or {@code path}
   *     does not start with {@code /}
   */
  public long requests(int opcode, String path) {
    checkOpcode(opcode);
    if (path == null || !path.startsWith("/")) {
      throw new IllegalArgumentException("path must be absolute, was " + path);
    }
    String below = path.endsWith("/") ? path : path + "/";
    long n = 0;
    for (var e : byPath.entrySet()) {
      Request r = e.getKey();
      if (r.opcode() == opcode && (r.path().equals(path) || r.path().startsWith(below))) {
        n += e.getValue().get();
      }
    }
    return n;
  }

  /** Closes every relayed connection and the relay's port. Idempotent. */
  @Override
  public void close() {
    relay.close();
  }

  /** Counts a client's request and says whether the connection must close (and how). */
  @Nullable Fault onRequest(int opcode, @Nullable String path) {
    if (opcode > 0 && opcode < OPCODES) {
      requests.incrementAndGet(opcode);
      if (path != null) {
        byPath.computeIfAbsent(new Request(opcode, path), r -> new AtomicLong()).incrementAndGet();
      }
    }
    Fault f = armed.get();
    if (f != null && f.opcode() == opcode && armed.compareAndSet(f, null)) {
      return f;
    }
    return null;
  }

  /** Counts a fault that fired; its pump then closes the connection. */
  void onFaultFired() {
    faults.incrementAndGet();
  }

  private static int checkOpcode(int opcode) {
    if (opcode <= 0 || opcode >= OPCODES) {
      throw new IllegalArgumentException(
          "opcode must be a ZooKeeper operation code between 1 and 255, was " + opcode);
    }
    return opcode;
  }
}
