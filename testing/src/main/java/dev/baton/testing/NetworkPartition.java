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

/**
 * A TCP relay between some clients and the ZooKeeper server that a test can cut, to isolate those
 * clients alone while the server and every other client carry on. To the server an isolated client
 * looks like a process that died or was partitioned away without closing its session, so the
 * session expires there after its timeout and its ephemeral nodes go. The relay cuts in one of two
 * ways:
 *
 * <ul>
 *   <li>{@link #isolate()} (refused): relayed connections are closed and every reconnection attempt
 *       is refused. The client sees its connection drop at once (SUSPENDED): a crashed switch port
 *       or a firewall that rejects.
 *   <li>{@link #silence()} (silent): bytes stop flowing both ways but no socket is closed, and new
 *       connections are accepted and black-holed. Nothing tells the client: it learns of the cut
 *       only when its own read timeout (two thirds of the session timeout) runs out, which is how a
 *       dropped link, a firewall that drops, or a frozen peer look. Every operation the client
 *       sends meanwhile hangs instead of failing fast.
 * </ul>
 *
 * <p>{@link #heal()} ends either cut. After a silent cut, bytes held back on connections still open
 * are delivered in order (as TCP retransmits after a partition), and the black-holed connections
 * are closed, so a client still waiting on one retries and gets through. The client then learns
 * that its session is gone (LOST, then a new session) if the cut outlasted the session timeout.
 *
 * <pre>{@code
 * NetworkPartition partition = zk.partition();
 * Coordinator isolated = Coordinator.builder().connectString(partition.connectString()).build();
 * ...
 * partition.silence(); // or isolate(): the session will expire on the server
 * ...
 * partition.heal();    // the client may connect again (and learns its session is gone)
 * }</pre>
 *
 * <p>Get one from {@link ZooKeeperExtension#partition()}, which closes it after the test. Relay
 * threads are daemons named {@code baton-test-partition-*}. Thread-safe.
 *
 * @since 0.1
 */
public final class NetworkPartition implements AutoCloseable {
  private enum Mode {
    OPEN,
    REFUSED,
    SILENT
  }

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Socket> blackHoled = ConcurrentHashMap.newKeySet();
  // Guards mode changes and wakes relay threads held by a silent cut.
  private final Object gate = new Object();
  private volatile Mode mode = Mode.OPEN;
  private volatile boolean closed;

  NetworkPartition(String targetHostPort) {
    int colon = targetHostPort.lastIndexOf(':');
    this.target =
        new InetSocketAddress(
            targetHostPort.substring(0, colon),
            Integer.parseInt(targetHostPort.substring(colon + 1)));
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for the partition relay", e);
    }
    daemon(this::acceptLoop, "baton-test-partition-accept").start();
  }

  /**
   * The connect string clients use to reach the server through this relay.
   *
   * @return a loopback {@code host:port}
   */
  public String connectString() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  /**
   * Cuts with refusal: closes every relayed connection and refuses new ones until {@link #heal()}.
   * Also ends a silent cut (its held bytes are discarded with their connections).
   */
  public void isolate() {
    // Under the gate, so that a connection accepted just before cannot slip past the cut.
    synchronized (gate) {
      mode = Mode.REFUSED;
      closeAll(sockets);
      closeAll(blackHoled);
      gate.notifyAll();
    }
  }

  /**
   * Cuts silently: stops forwarding bytes in both directions without closing any socket, and
   * accepts new connections but forwards nothing on them, until {@link #heal()}. Clients notice
   * only through their own timeouts. Called during a refused cut, it black-holes new connections
   * from then on instead of refusing them.
   *
   * @since 0.1
   */
  public void silence() {
    synchronized (gate) {
      mode = Mode.SILENT;
    }
  }

  /**
   * Ends a cut: new connections are relayed again; after {@link #silence()}, held bytes flow again
   * in order and black-holed connections are closed so that their clients retry.
   */
  public void heal() {
    synchronized (gate) {
      mode = Mode.OPEN;
      closeAll(blackHoled);
      gate.notifyAll();
    }
  }

  /** {@return whether clients behind this relay are cut off, refused or silently} */
  public boolean isIsolated() {
    return mode != Mode.OPEN;
  }

  /**
   * {@return whether the cut is silent ({@link #silence()})}
   *
   * @since 0.1
   */
  public boolean isSilent() {
    return mode == Mode.SILENT;
  }

  /** Cuts every connection for good and closes the relay's port. Idempotent. */
  @Override
  public void close() {
    closed = true;
    isolate();
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
        if (closed) {
          return;
        }
        continue;
      }
      try {
        synchronized (gate) {
          if (mode == Mode.REFUSED) {
            closeQuietly(client);
            continue;
          }
          if (mode == Mode.SILENT) {
            // Never read: the client's bytes sit in the kernel, as if lost on the wire.
            blackHoled.add(client);
            continue;
          }
          Socket server = new Socket(target.getAddress(), target.getPort());
          sockets.add(client);
          sockets.add(server);
          pump(client, server);
          pump(server, client);
        }
      } catch (IOException e) {
        closeQuietly(client); // server down: the client sees a refused connection
      }
    }
  }

  private void pump(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    daemon(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitNotSilent();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Cut by isolate() or closed by either end.
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "baton-test-partition-relay")
        .start();
  }

  // A silent cut holds the chunk just read: the rest stays in the kernel's buffers and the sender
  // eventually blocks, as TCP does when its peer stops acknowledging.
  private void awaitNotSilent() throws InterruptedException {
    synchronized (gate) {
      while (mode == Mode.SILENT && !closed) {
        gate.wait();
      }
    }
  }

  private static void closeAll(Set<Socket> set) {
    for (Socket s : set) {
      closeQuietly(s);
    }
    set.clear();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
