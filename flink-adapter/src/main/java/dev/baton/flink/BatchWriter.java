package dev.baton.flink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Collects a {@link LockGuardedCommitSink}'s records and seals them into a batch per checkpoint.
 */
final class BatchWriter<T> implements CommittingSinkWriter<T, LockGuardedCommitSink.Batch<T>> {
  private final String idPrefix;
  private List<T> pending = new ArrayList<>();
  private long sealed;

  BatchWriter(WriterInitContext context) {
    this.idPrefix =
        context.getJobInfo().getJobId()
            + "/"
            + context.getTaskInfo().getIndexOfThisSubtask()
            + "/"
            + context.getTaskInfo().getAttemptNumber()
            + "/";
    // Restored writers number on from the checkpoint, so ids stay unique within an attempt too.
    this.sealed = context.getRestoredCheckpointId().orElse(0);
  }

  @Override
  public void write(T element, Context context) {
    pending.add(element);
  }

  @Override
  public void flush(boolean endOfInput) {}

  @Override
  public Collection<LockGuardedCommitSink.Batch<T>> prepareCommit() {
    if (pending.isEmpty()) {
      return List.of();
    }
    LockGuardedCommitSink.Batch<T> batch =
        new LockGuardedCommitSink.Batch<>(idPrefix + (++sealed), pending);
    pending = new ArrayList<>();
    return List.of(batch);
  }

  @Override
  public void close() {}
}
