package dev.baton.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The pumps of one client connection through a {@link ZooKeeperRelay}, which copy whole jute frames
 * (a 4-byte length, then the record). The first frame each way is the session handshake; after it,
 * a client frame starts with its request header ({@code xid}, {@code type}) and a server frame with
 * its reply header ({@code xid}, {@code zxid}, {@code err}), which is all the relay needs to read.
 * A pump that returns closes the connection: that is how a fault fires.
 */
final class FramePumps {
  /** A frame longer than this is not ZooKeeper's: the pump gives up on the connection. */
  private static final int MAX_FRAME = 64 * 1024 * 1024;

  private static final int NO_XID = Integer.MIN_VALUE;

  private final ZooKeeperRelay relay;
  // The xid whose reply must not reach the client (a lost reply), or NO_XID.
  private volatile int swallow = NO_XID;

  private FramePumps(ZooKeeperRelay relay) {
    this.relay = relay;
  }

  /** {@return fresh pumps for one connection of {@code relay}} */
  static Relay.Pumps of(ZooKeeperRelay relay) {
    FramePumps p = new FramePumps(relay);
    return new Relay.Pumps(p::upstream, p::downstream);
  }

  private void upstream(InputStream in, Relay.Sink out) throws IOException, InterruptedException {
    copyFrames(in, out, this::firesAtRequest);
  }

  private void downstream(InputStream in, Relay.Sink out) throws IOException, InterruptedException {
    copyFrames(in, out, this::firesAtReply);
  }

  /**
   * Copies the handshake frame, then every frame until {@code fault} says to close the connection
   * before it.
   */
  private static void copyFrames(InputStream stream, Relay.Sink out, Predicate<byte[]> fault)
      throws IOException, InterruptedException {
    DataInputStream in = new DataInputStream(stream);
    out.write(readFrame(in)); // the connect request or response
    while (true) {
      byte[] frame = readFrame(in);
      if (fault.test(frame)) {
        return;
      }
      out.write(frame);
    }
  }

  /** Counts a request and says whether an armed fault drops it; arms a lost reply to it. */
  private boolean firesAtRequest(byte[] frame) {
    if (frame.length < 12) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(frame);
    b.position(4);
    int xid = b.getInt();
    int opcode = b.getInt();
    ZooKeeperRelay.Fault fault = relay.onRequest(opcode, pathOf(b));
    if (fault == null) {
      return false;
    }
    if (fault.forward()) {
      swallow = xid; // before forwarding: the reply may come back at once
      return false;
    }
    relay.onFaultFired();
    return true;
  }

  /** Says whether a reply is the one to lose. */
  private boolean firesAtReply(byte[] frame) {
    int lost = swallow;
    if (lost == NO_XID || frame.length < 8 || ByteBuffer.wrap(frame, 4, 4).getInt() != lost) {
      return false;
    }
    relay.onFaultFired();
    return true;
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
}
