package dev.baton.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay in front of a ZooKeeper server. {@link #kill()} cuts every connection and
 * refuses new ones: to the server, a client behind it looks like a process that died without
 * closing its session. {@link #refuse(boolean)} and {@link #cut()} do the same reversibly.
 */
final class TcpProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;

  TcpProxy(String targetHostPort) throws IOException {
    int colon = targetHostPort.lastIndexOf(':');
    target =
        new InetSocketAddress(
            targetHostPort.substring(0, colon),
            Integer.parseInt(targetHostPort.substring(colon + 1)));
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "test-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String connectString() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + listener.getLocalPort();
  }

  void kill() {
    close();
  }

  /** While refusing, new connections are accepted and closed at once. */
  void refuse(boolean refuse) {
    refusing = refuse;
  }

  /** Closes every relayed connection. */
  void cut() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // connection cut
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException e) {
                  // closing anyway
                }
              }
            },
            "test-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
