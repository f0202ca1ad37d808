package dev.baton.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One client connection through a {@link ZooKeeperRelay}: two pumps that copy whole jute frames (a
 * 4-byte length, then the record). The first frame each way is the session handshake; after it, a
 * client frame starts with its request header ({@code xid}, {@code type}) and a server frame with
 * its reply header ({@code xid}, {@code zxid}, {@code err}), which is all the relay needs to read.
 */
final class RelayedConnection {
  /** A frame longer than this is not ZooKeeper's: the pump gives up on the connection. */
  private static final int MAX_FRAME = 64 * 1024 * 1024;

  private static final int NO_XID = Integer.MIN_VALUE;

  private final ZooKeeperRelay relay;
  private final Socket client;
  private final Socket server;
  private final AtomicBoolean closed = new AtomicBoolean();
  // The xid whose reply must not reach the client (a lost reply), or NO_XID.
  private volatile int swallow = NO_XID;

  RelayedConnection(ZooKeeperRelay relay, Socket client, Socket server) {
    this.relay = relay;
    this.client = client;
    this.server = server;
  }

  void start() {
    daemon(this::upstream, "baton-test-relay-up").start();
    daemon(this::downstream, "baton-test-relay-down").start();
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(client);
      closeQuietly(server);
      relay.forget(this);
    }
  }

  private void upstream() {
    try {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = server.getOutputStream();
      forward(readFrame(in), out); // the connect request
      while (!closed.get()) {
        byte[] frame = readFrame(in);
        ZooKeeperRelay.Fault fault = null;
        if (frame.length >= 12) {
          ByteBuffer b = ByteBuffer.wrap(frame);
          b.position(4);
          int xid = b.getInt();
          int opcode = b.getInt();
          fault = relay.onRequest(opcode, pathOf(b));
          if (fault != null && fault.forward()) {
            swallow = xid; // before forwarding: the reply may come back at once
          }
        }
        if (fault != null && !fault.forward()) {
          relay.onFaultFired(this);
          return;
        }
        forward(frame, out);
      }
    } catch (IOException e) {
      // Closed by either end, or by a fault.
    } finally {
      close();
    }
  }

  private void downstream() {
    try {
      DataInputStream in = new DataInputStream(server.getInputStream());
      OutputStream out = client.getOutputStream();
      forward(readFrame(in), out); // the connect response
      while (!closed.get()) {
        byte[] frame = readFrame(in);
        if (frame.length >= 8 && swallow != NO_XID) {
          int xid = ByteBuffer.wrap(frame, 4, 4).getInt();
          if (xid == swallow) {
            relay.onFaultFired(this);
            return;
          }
        }
        forward(frame, out);
      }
    } catch (IOException e) {
      // Closed by either end, or by a fault.
    } finally {
      close();
    }
  }

  /**
   * The path a request names, or null: most requests' records start with it, as a jute string (a
   * 4-byte length, then UTF-8); those that do not (multi, ping, setWatches) give no leading slash.
   */
  private static @Nullable String pathOf(ByteBuffer b) {
    if (b.remaining() < 5) {
      return null;
    }
    int length = b.getInt();
    if (length < 1 || length > b.remaining() || b.get(b.position()) != '/') {
      return null;
    }
    return new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
  }

  /** Reads one frame, its 4-byte length included. */
  private static byte[] readFrame(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_FRAME) {
      throw new EOFException("not a ZooKeeper frame: length " + length);
    }
    byte[] frame = new byte[length + 4];
    ByteBuffer.wrap(frame).putInt(length);
    in.readFully(frame, 4, length);
    return frame;
  }

  private static void forward(byte[] frame, OutputStream out) throws IOException {
    out.write(frame);
    out.flush();
  }

  static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
