package dev.baton.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The first frame a member sends on an election connection (ZooKeeper's {@code QuorumCnxManager}:
 * protocol version, sender id, length-prefixed {@code host:port} list), rewritten on its way
 * through a {@link RelayedEnsemble} link. ZooKeeper makes the member with the higher id call the
 * sender back at the address in that frame, and the callback must come through the link's twin, not
 * around it.
 */
final class ElectionHandshake {
  private static final long PROTOCOL_V1 = -65536L;
  private static final long PROTOCOL_V2 = -65535L;

  private ElectionHandshake() {}

  /**
   * {@return a pump that copies an election connection with the sender's own election address in
   * its first frame replaced by {@code hostPort}}
   */
  static Relay.Pump rewritingAddressTo(String hostPort) {
    return (in, out) -> {
      out.write(rewrite(new DataInputStream(in), hostPort));
      Relay.Pump.BYTES.copy(in, out);
    };
  }

  private static byte[] rewrite(DataInputStream in, String address) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
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
}
