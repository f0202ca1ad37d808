package dev.baton.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The one split of a {@link ConfigSource}: the key it follows. It carries no position: ZooKeeper
 * keeps only the latest value, so a restored reader reads the current value again.
 */
record ConfigSplit(String key) implements SourceSplit {
  @Override
  public String splitId() {
    return key;
  }

  /** Version 1: the key as modified UTF-8. */
  static final class Serializer implements SimpleVersionedSerializer<ConfigSplit> {
    @Override
    public int getVersion() {
      return 1;
    }

    @Override
    public byte[] serialize(ConfigSplit split) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeUTF(split.key());
      }
      return bytes.toByteArray();
    }

    @Override
    public ConfigSplit deserialize(int version, byte[] serialized) throws IOException {
      if (version != 1) {
        throw new IOException("unknown config split version " + version + " (expected 1)");
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
        return new ConfigSplit(in.readUTF());
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
