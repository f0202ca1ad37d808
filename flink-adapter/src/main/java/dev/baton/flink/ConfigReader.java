package dev.baton.flink;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the changes of a config key or group ({@link ConfigFeed}) into records. Baton's listener
 * threads queue them; the task thread emits them and marks the output idle whenever the queue is
 * empty, so that a quiet config stream never holds back event time downstream.
 *
 * @param <E> the records
 */
final class ConfigReader<E> implements SourceReader<E, ConfigSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReader.class);

  private final ConfigFeed<E> feed;
  private final SourceReaderContext context;
  private final Object lock = new Object();
  private final ArrayDeque<E> queue = new ArrayDeque<>(); // guarded by lock
  private CompletableFuture<Void> available = new CompletableFuture<>(); // guarded by lock
  private @Nullable SharedCoordinator baton;
  private ConfigFeed.@Nullable Subscription<E> subscription;
  private boolean noMoreSplits;

  ConfigReader(ConfigFeed<E> feed, SourceReaderContext context) {
    this.feed = feed;
    this.context = context;
  }

  @Override
  public void start() {}

  @Override
  public void addSplits(List<ConfigSplit> splits) {
    for (ConfigSplit s : splits) {
      if (subscription != null) {
        // After a failover the split can come both from the reader's restored state and back
        // from the enumerator: it is the same key or group, already followed.
        LOG.debug("Config source already follows '{}'", s.id());
        continue;
      }
      SharedCoordinator ref = SharedCoordinator.acquire(context, feed.settings());
      baton = ref;
      subscription = feed.follow(ref.awaitConnected(), s, this::push);
    }
  }

  private void push(E record) {
    synchronized (lock) {
      queue.add(record);
      available.complete(null);
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<E> output) {
    E next;
    boolean more;
    synchronized (lock) {
      next = queue.poll();
      more = !queue.isEmpty();
    }
    ConfigFeed.Subscription<E> sub = subscription;
    if (next == null || sub == null) {
      if (sub == null && noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
      output.markIdle();
      return InputStatus.NOTHING_AVAILABLE;
    }
    if (sub.admit(next)) {
      output.collect(next);
    }
    return more ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    synchronized (lock) {
      if (!queue.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      if (available.isDone()) {
        available = new CompletableFuture<>();
      }
      return available;
    }
  }

  @Override
  public List<ConfigSplit> snapshotState(long checkpointId) {
    ConfigFeed.Subscription<E> sub = subscription;
    return sub == null ? List.of() : List.of(sub.position());
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    synchronized (lock) {
      available.complete(null);
    }
  }

  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
    if (baton != null) {
      baton.close();
    }
  }
}
