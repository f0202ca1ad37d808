package dev.baton.flink;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.jspecify.annotations.Nullable;

/**
 * Gives the one split of a key or group to reader 0 and tells every other reader there is nothing
 * for it. Its checkpoint says whether the split is out, so a restored job does not hand it out
 * twice (the reader restores it from its own state).
 */
final class ConfigEnumerator implements SplitEnumerator<ConfigSplit, Boolean> {
  private final SplitEnumeratorContext<ConfigSplit> context;
  private final String id;
  private boolean assigned;

  ConfigEnumerator(SplitEnumeratorContext<ConfigSplit> context, String id, boolean assigned) {
    this.context = context;
    this.id = id;
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
      assign(splits.isEmpty() ? new ConfigSplit(id) : splits.get(0));
    }
  }

  @Override
  public void addReader(int subtaskId) {
    if (subtaskId == 0) {
      if (!assigned) {
        assign(new ConfigSplit(id));
      }
    } else {
      // A key or group is one split: readers beyond the first finish at once.
      context.signalNoMoreSplits(subtaskId);
    }
  }

  private void assign(ConfigSplit split) {
    context.assignSplit(split, 0);
    assigned = true;
  }

  @Override
  public Boolean snapshotState(long checkpointId) {
    return assigned;
  }

  @Override
  public void close() {}
}
