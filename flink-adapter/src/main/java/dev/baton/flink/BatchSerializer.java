package dev.baton.flink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Version 1: the batch id, the record count, then each record through Flink's serializer. */
final class BatchSerializer<T>
    implements SimpleVersionedSerializer<LockGuardedCommitSink.Batch<T>> {
  private final TypeSerializer<T> records;

  BatchSerializer(TypeInformation<T> type) {
    this.records = type.createSerializer(new ExecutionConfig().getSerializerConfig());
  }

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(LockGuardedCommitSink.Batch<T> batch) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    out.writeUTF(batch.id());
    out.writeInt(batch.records().size());
    for (T r : batch.records()) {
      records.serialize(r, out);
    }
    return out.getCopyOfBuffer();
  }

  @Override
  public LockGuardedCommitSink.Batch<T> deserialize(int version, byte[] serialized)
      throws IOException {
    if (version != 1) {
      throw new IOException("unknown batch version " + version + " (expected 1)");
    }
    DataInputDeserializer in = new DataInputDeserializer(serialized);
    String id = in.readUTF();
    int n = in.readInt();
    List<T> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(records.deserialize(in));
    }
    return new LockGuardedCommitSink.Batch<>(id, list);
  }
}
