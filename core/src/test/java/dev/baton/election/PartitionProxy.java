package dev.baton.election;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between one client and the ZooKeeper server that a test can cut, to isolate that
 * client alone: its connections close and new ones are refused, while the server (and every other
 * client) carries on, so the isolated client's session expires on the server after its timeout.
 */
final class PartitionProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;
  private volatile boolean closed;

  PartitionProxy(String targetHostPort) throws IOException {
    int colon = targetHostPort.lastIndexOf(':');
    this.target =
        new InetSocketAddress(
            targetHostPort.substring(0, colon),
            Integer.parseInt(targetHostPort.substring(colon + 1)));
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "partition-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String connectString() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  /** Closes every relayed connection and refuses new ones. */
  void cut() {
    cut = true;
    sockets.forEach(PartitionProxy::closeQuietly);
    sockets.clear();
  }

  /** Relays again. */
  void heal() {
    cut = false;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // Closed by cut() or by either end.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "partition-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    cut();
    listener.close();
  }
}
