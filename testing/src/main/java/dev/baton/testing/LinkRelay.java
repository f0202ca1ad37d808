package dev.baton.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One direction of a link between two ensemble members: a loopback port that forwards every
 * connection to a member's quorum or election port, and that can go <em>silent</em>. While silent
 * it keeps every socket open and accepts new connections, but forwards nothing: bytes wait in the
 * relay and in the kernel's buffers, as they would behind a network that drops packets while TCP
 * keeps retrying. Once {@linkplain #resume() resumed} the held bytes flow on, in order; a member
 * that gave up meanwhile has closed its end, and the relay passes that on too.
 *
 * <p>An election relay also rewrites the first frame a member sends (its id and its own election
 * address): ZooKeeper makes the member with the higher id call the sender back at the address in
 * that frame, and the callback must come through this link's twin, not around it.
 */
final class LinkRelay implements AutoCloseable {
  private static final long PROTOCOL_V1 = -65536L;
  private static final long PROTOCOL_V2 = -65535L;

  private final String name;
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private volatile @Nullable String callbackAddress;
  private boolean silent; // guarded by gate
  private volatile boolean closed;

  /**
   * A relay to {@code target}, listening on a fresh loopback port.
   *
   * @param name names the relay's threads
   * @param target the member's quorum or election port
   */
  LinkRelay(String name, InetSocketAddress target) {
    this.name = name;
    this.target = target;
    try {
      this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for relay " + name, e);
    }
    RelayedConnection.daemon(this::acceptLoop, "baton-test-link-" + name).start();
  }

  /** {@return the port members connect to} */
  int port() {
    return listener.getLocalPort();
  }

  /**
   * Makes this an election relay: the sender's election address in its first frame becomes {@code
   * hostPort}, the twin relay that leads back to the sender.
   */
  void rewriteElectionAddressTo(String hostPort) {
    this.callbackAddress = hostPort;
  }

  /** Stops forwarding; sockets stay open. */
  void silence() {
    synchronized (gate) {
      silent = true;
    }
  }

  /** Forwards again, held bytes first. */
  void resume() {
    synchronized (gate) {
      silent = false;
      gate.notifyAll();
    }
  }

  @Override
  public void close() {
    closed = true;
    resume();
    try {
      listener.close();
    } catch (IOException e) {
      // Released either way.
    }
    sockets.forEach(RelayedConnection::closeQuietly);
    sockets.clear();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket from;
      try {
        from = listener.accept();
      } catch (IOException e) {
        continue; // closed, or a failed accept: the loop condition decides
      }
      Socket to = new Socket();
      try {
        to.connect(target);
      } catch (IOException e) {
        RelayedConnection.closeQuietly(
            from); // the member is down: the sender sees its connection fail
        RelayedConnection.closeQuietly(to);
        continue;
      }
      sockets.add(from);
      sockets.add(to);
      pump(from, to, callbackAddress);
      pump(to, from, null);
    }
  }

  private void pump(Socket from, Socket to, @Nullable String rewrite) {
    RelayedConnection.daemon(
            () -> {
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                if (rewrite != null) {
                  byte[] first = rewriteFirstFrame(new DataInputStream(in), rewrite);
                  awaitOpen();
                  out.write(first);
                  out.flush();
                }
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  awaitOpen();
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // Closed by either end or by close().
              } finally {
                RelayedConnection.closeQuietly(from);
                RelayedConnection.closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            },
            "baton-test-link-" + name + "-pump")
        .start();
  }

  /**
   * Reads the initial message of ZooKeeper's election protocol ({@code QuorumCnxManager}: protocol
   * version, sender id, length-prefixed {@code host:port} list) and returns it with the address
   * replaced.
   */
  private static byte[] rewriteFirstFrame(DataInputStream in, String address) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    long version = in.readLong();
    out.writeLong(version);
    if (version == PROTOCOL_V1 || version == PROTOCOL_V2) {
      out.writeLong(in.readLong()); // sender id
      in.readFully(new byte[in.readInt()]); // the sender's own election address(es)
      byte[] replaced = address.getBytes(StandardCharsets.UTF_8);
      out.writeInt(replaced.length);
      out.write(replaced);
    }
    out.flush();
    return bytes.toByteArray();
  }

  private void awaitOpen() throws InterruptedException {
    synchronized (gate) {
      while (silent && !closed) {
        gate.wait();
      }
    }
  }
}
