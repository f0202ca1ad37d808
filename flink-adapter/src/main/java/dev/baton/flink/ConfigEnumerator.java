package dev.baton.flink;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.jspecify.annotations.Nullable;

/**
 * Gives the key's one split to reader 0 and tells every other reader there is nothing for it. Its
 * checkpoint says whether the split is out, so a restored job does not hand it out twice (the
 * reader restores it from its own state).
 */
final class ConfigEnumerator implements SplitEnumerator<ConfigSplit, Boolean> {
  private final SplitEnumeratorContext<ConfigSplit> context;
  private final String key;
  private boolean assigned;

  ConfigEnumerator(SplitEnumeratorContext<ConfigSplit> context, String key, boolean assigned) {
    this.context = context;
    this.key = key;
    this.assigned = assigned;
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

  @Override
  public void addSplitsBack(List<ConfigSplit> splits, int subtaskId) {
    assigned = false;
    if (context.registeredReaders().containsKey(0)) {
      assignTo(0);
    }
  }

  @Override
  public void addReader(int subtaskId) {
    if (subtaskId == 0) {
      if (!assigned) {
        assignTo(0);
      }
    } else {
      // The key has one split: readers beyond the first finish at once.
      context.signalNoMoreSplits(subtaskId);
    }
  }

  private void assignTo(int subtask) {
    context.assignSplit(new ConfigSplit(key), subtask);
    assigned = true;
  }

  @Override
  public Boolean snapshotState(long checkpointId) {
    return assigned;
  }

  @Override
  public void close() {}
}
