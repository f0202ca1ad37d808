package dev.baton.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The TCP relay under every fault tool of this package: a loopback port whose accepted connections
 * are each paired with a new connection to the target, and two pumps per pair that copy one
 * direction each. What a pump does with the bytes is pluggable ({@link Pump}); when the bytes may
 * flow is this relay's gate:
 *
 * <ul>
 *   <li>open: pumps write what they read;
 *   <li>{@linkplain #hold() held}: pumps keep what they read and every socket stays open, as behind
 *       a network that drops packets while TCP keeps retrying; a new connection is either relayed
 *       and held too, or black-holed (accepted and never read) until the gate opens again;
 *   <li>{@linkplain #refuse() refusing}: every connection is closed and new ones are refused.
 * </ul>
 *
 * <p>{@link #open()} ends a hold or a refusal: held bytes flow on in order and black-holed
 * connections are closed so that their clients retry. A pump that returns or fails closes its pair,
 * and so does {@link #close()}, which also releases the port. Threads are daemons named {@code
 * baton-test-<name>-*}. Thread-safe.
 */
final class Relay implements AutoCloseable {
  /** What a held relay does with a connection accepted meanwhile. */
  enum WhileHeld {
    /** Connects it to the target and holds its bytes with the others'. */
    RELAY,
    /** Accepts it but never reads it, and closes it when the gate opens again. */
    BLACK_HOLE
  }

  /** Copies one direction of one connection until its input ends; returning closes the pair. */
  @FunctionalInterface
  interface Pump {
    /** Copies every byte as it comes. */
    Pump BYTES =
        (in, out) -> {
          byte[] buffer = new byte[8192];
          int n;
          while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
          }
        };

    void copy(InputStream in, Sink out) throws IOException, InterruptedException;
  }

  /** Where a pump writes: each write waits while the relay is held, then flushes. */
  interface Sink {
    void write(byte[] bytes, int offset, int length) throws IOException, InterruptedException;

    default void write(byte[] bytes) throws IOException, InterruptedException {
      write(bytes, 0, bytes.length);
    }
  }

  /** The two pumps of one connection, made afresh for each, so that they may share its state. */
  record Pumps(Pump upstream, Pump downstream) {
    static final Pumps BYTES = new Pumps(Pump.BYTES, Pump.BYTES);
  }

  private enum Gate {
    OPEN,
    HELD,
    REFUSING
  }

  private final String name;
  private final InetSocketAddress target;
  private final WhileHeld whileHeld;
  private final Supplier<Pumps> pumps;
  private final ServerSocket listener;
  private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
  private final Set<Socket> blackHoled = ConcurrentHashMap.newKeySet();
  // Guards gate changes and admissions, and wakes pumps held by the gate.
  private final Object lock = new Object();
  private volatile Gate gate = Gate.OPEN;
  private volatile boolean closed;

  /**
   * Opens a loopback port and starts relaying it to {@code target}.
   *
   * @param name names the threads: {@code baton-test-<name>-*}
   * @param target where each accepted connection is relayed
   * @param whileHeld what happens to a connection accepted while the relay is held
   * @param pumps makes the pumps of each new connection
   * @throws UncheckedIOException if no loopback port can be opened
   */
  Relay(String name, InetSocketAddress target, WhileHeld whileHeld, Supplier<Pumps> pumps) {
    this.name = name;
    this.target = target;
    this.whileHeld = whileHeld;
    this.pumps = pumps;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for relay " + name, e);
    }
    daemon(this::acceptLoop, "accept").start();
  }

  /** {@return the address in a {@code host:port} string} */
  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    return new InetSocketAddress(
        hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /** {@return the port clients connect to} */
  int port() {
    return listener.getLocalPort();
  }

  /** {@return the loopback {@code host:port} clients connect to} */
  String connectString() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port();
  }

  /** Stops forwarding without closing a socket, until {@link #open()}. */
  void hold() {
    synchronized (lock) {
      gate = Gate.HELD;
    }
  }

  /** Closes every connection, held and black-holed ones too, and refuses new ones. */
  void refuse() {
    synchronized (lock) {
      gate = Gate.REFUSING;
      closeConnections();
      lock.notifyAll();
    }
  }

  /** Forwards again, held bytes first, and closes black-holed connections. */
  void open() {
    synchronized (lock) {
      gate = Gate.OPEN;
      closeAll(blackHoled);
      lock.notifyAll();
    }
  }

  /** {@return whether the gate is open} */
  boolean isOpen() {
    return gate == Gate.OPEN;
  }

  /** {@return whether the relay holds bytes ({@link #hold()})} */
  boolean isHeld() {
    return gate == Gate.HELD;
  }

  /** Closes every relayed and black-holed connection now; new ones are accepted as before. */
  void closeConnections() {
    for (Pair p : pairs) {
      p.close();
    }
    closeAll(blackHoled);
  }

  /** Closes every connection for good, refusing new ones, and the port. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      gate = Gate.REFUSING;
      closeConnections();
      lock.notifyAll();
    }
    try {
      listener.close();
    } catch (IOException e) {
      // The port is being released either way.
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        continue; // closed, or a failed accept: the loop condition decides
      }
      if (turnedAway(client)) {
        continue;
      }
      Socket server = new Socket();
      try {
        server.connect(target);
      } catch (IOException e) {
        // The target is down: the client sees its connection fail.
        closeQuietly(client);
        closeQuietly(server);
        continue;
      }
      relay(client, server);
    }
  }

  /** Refuses or black-holes {@code client} if the gate says so. */
  private boolean turnedAway(Socket client) {
    synchronized (lock) {
      if (closed || gate == Gate.REFUSING) {
        closeQuietly(client);
        return true;
      }
      if (gate == Gate.HELD && whileHeld == WhileHeld.BLACK_HOLE) {
        // Never read: the client's bytes sit in the kernel, as if lost on the wire.
        blackHoled.add(client);
        return true;
      }
      return false;
    }
  }

  private void relay(Socket client, Socket server) {
    Pair pair = new Pair(client, server);
    // Under the lock, so that a connection accepted just before a cut cannot slip past it.
    synchronized (lock) {
      if (closed || gate == Gate.REFUSING) {
        pair.close();
        return;
      }
      pairs.add(pair);
    }
    Pumps p = pumps.get();
    pair.start(client, server, p.upstream(), "up");
    pair.start(server, client, p.downstream(), "down");
  }

  // A held relay keeps the chunk just read: the rest stays in the kernel's buffers and the sender
  // eventually blocks, as TCP does when its peer stops acknowledging.
  private void awaitOpen(Pair pair) throws InterruptedException {
    if (gate != Gate.HELD) {
      return;
    }
    synchronized (lock) {
      while (gate == Gate.HELD && !closed && !pair.closed) {
        lock.wait();
      }
    }
  }

  /** A relayed connection: the accepted socket and the one to the target. */
  private final class Pair {
    private final Socket client;
    private final Socket server;
    private volatile boolean closed;

    Pair(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void start(Socket from, Socket to, Pump pump, String direction) {
      daemon(() -> run(from, to, pump), direction).start();
    }

    private void run(Socket from, Socket to, Pump pump) {
      try {
        OutputStream out = to.getOutputStream();
        pump.copy(
            from.getInputStream(),
            (bytes, offset, length) -> {
              awaitOpen(this);
              out.write(bytes, offset, length);
              out.flush();
            });
      } catch (IOException e) {
        // Closed by either end, by a fault, or by the relay.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        close();
      }
    }

    void close() {
      closed = true;
      closeQuietly(client);
      closeQuietly(server);
      pairs.remove(this);
      synchronized (lock) {
        lock.notifyAll(); // a pump held by the gate gives up on a closed pair
      }
    }
  }

  private Thread daemon(Runnable r, String role) {
    Thread t = new Thread(r, "baton-test-" + name + "-" + role);
    t.setDaemon(true);
    return t;
  }

  private static void closeAll(Set<Socket> sockets) {
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
