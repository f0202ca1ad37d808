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
 * clients alone: their connections are closed and every reconnection attempt is refused, while the
 * server and every other client carry on. To the server an isolated client looks like a process
 * that died or was partitioned away without closing its session, so the session expires there after
 * its timeout and its ephemeral nodes go; the isolated client sees its connection drop at once
 * (SUSPENDED) and cannot reconnect until {@link #heal()}, after which it learns that its session is
 * gone (LOST, then a new session).
 *
 * <pre>{@code
 * NetworkPartition partition = zk.partition();
 * Coordinator isolated = Coordinator.builder().connectString(partition.connectString()).build();
 * ...
 * partition.isolate(); // the session will expire on the server
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
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private volatile boolean isolated;
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

  /** Closes every relayed connection and refuses new ones until {@link #heal()}. */
  public void isolate() {
    // Under the gate, so that a connection accepted just before cannot slip past the cut.
    synchronized (gate) {
      isolated = true;
      for (Socket s : sockets) {
        closeQuietly(s);
      }
      sockets.clear();
    }
  }

  /** Relays new connections again. */
  public void heal() {
    isolated = false;
  }

  /** {@return whether clients behind this relay are cut off} */
  public boolean isIsolated() {
    return isolated;
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
          if (isolated) {
            closeQuietly(client);
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
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Cut by isolate() or closed by either end.
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
