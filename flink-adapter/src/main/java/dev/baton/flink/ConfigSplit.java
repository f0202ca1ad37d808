package dev.baton.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The one split of a {@link ConfigSource} or {@link ConfigGroupSource}: the key or group prefix it
 * follows and, for a group, the keys the reader had emitted as present (so that a restored reader
 * can report the keys deleted meanwhile). It carries no position otherwise: ZooKeeper keeps only
 * the latest values, so a restored reader reads the current ones again.
 *
 * @param id the key or the group prefix
 * @param present the group's keys emitted as present, sorted; empty for a key
 */
record ConfigSplit(String id, List<String> present) implements SourceSplit {
  ConfigSplit {
    present = List.copyOf(present);
  }

  ConfigSplit(String id) {
    this(id, List.of());
  }

  @Override
  public String splitId() {
    return id;
  }

  /**
   * Version 2: the id, the number of present keys and the keys, all as modified UTF-8 (an int for
   * the number). Reads version 1 (the id only).
   */
  static final class Serializer implements SimpleVersionedSerializer<ConfigSplit> {
    @Override
    public int getVersion() {
      return 2;
    }

    @Override
    public byte[] serialize(ConfigSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.id());
        out.writeInt(split.present().size());
        for (String k : split.present()) {
          out.writeUTF(k);
        }
      }
      return bytes.toByteArray();
    }

    @Override
    public ConfigSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1 && version != 2) {
        throw new IOException("unknown config split version " + version + " (expected 1 or 2)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        String id = in.readUTF();
        List<String> present = new ArrayList<>();
        int n = version == 1 ? 0 : in.readInt();
        for (int i = 0; i < n; i++) {
          present.add(in.readUTF());
        }
        return new ConfigSplit(id, present);
      }
    }
  }

  /** The enumerator's checkpoint: whether the split is out with a reader. */
  static final class AssignedSerializer implements SimpleVersionedSerializer<Boolean> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(Boolean assigned) {
      return new byte[] {(byte) (assigned ? 1 : 0)};
    }

    @Override
    public Boolean deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1 || serialized.length != 1) {
        throw new IOException(
            "unknown config enumerator state (version "
                + version
                + ", "
                + serialized.length
                + " bytes)");
      }
      return serialized[0] == 1;
    }
  }
}
