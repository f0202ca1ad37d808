package dev.baton.flink;

import dev.baton.ListenerHandle;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.Versioned;
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
 * Turns a config watcher's changes into records. The watcher's listener thread queues them; the
 * task thread emits them and marks the output idle whenever the queue is empty, so that a quiet
 * config stream never holds back event time downstream.
 */
final class ConfigReader<T> implements SourceReader<Versioned<T>, ConfigSplit> {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigReader.class);

  private final ConfigKey<T> key;
  private final SourceReaderContext context;
  private final Object lock = new Object();
  private final ArrayDeque<Versioned<T>> queue = new ArrayDeque<>(); // guarded by lock
  private CompletableFuture<Void> available = new CompletableFuture<>(); // guarded by lock
  private @Nullable SharedCoordinator baton;
  private @Nullable ConfigWatcher<T> watcher;
  private @Nullable ListenerHandle subscription;
  private @Nullable ConfigSplit split;
  private boolean noMoreSplits;
  private @Nullable Versioned<T> lastEmitted;

  ConfigReader(ConfigKey<T> key, SourceReaderContext context) {
    this.key = key;
    this.context = context;
  }

  @Override
  public void start() {}

  @Override
  public void addSplits(List<ConfigSplit> splits) {
    for (ConfigSplit s : splits) {
      if (split != null) {
        // After a failover the split can come both from the reader's restored state and back
        // from the enumerator: it is the same key, already followed.
        LOG.debug("Config source already follows '{}'", s.key());
        continue;
      }
      split = s;
      SharedCoordinator ref = SharedCoordinator.acquire(context, key.settings());
      baton = ref;
      ConfigWatcher.Builder<T> b = ref.awaitConnected().config(s.key(), key.codec());
      T def = key.defaultValue();
      if (def != null) {
        b.defaultValue(def);
      }
      ConfigWatcher<T> w = b.watch();
      watcher = w;
      subscription =
          w.addListener(
              new ConfigListener<>() {
                @Override
                public void onChange(Versioned<T> previous, Versioned<T> current) {
                  push(current);
                }

                @Override
                public void onRejected(ConfigRejection rejection) {
                  LOG.warn("Config source kept its last good value: {}", rejection.message());
                }
              });
      // After subscribing, so that nothing falls between the read and the first change; the
      // reader drops what it already emitted.
      Versioned<T> now = w.current();
      if (now.isStored()) {
        push(now);
      }
      LOG.info("Config source following '{}' from version {}", s.key(), now.version());
    }
  }

  private void push(Versioned<T> v) {
    synchronized (lock) {
      queue.add(v);
      available.complete(null);
    }
  }

  @Override
  public InputStatus pollNext(ReaderOutput<Versioned<T>> output) {
    Versioned<T> next;
    boolean more;
    synchronized (lock) {
      next = queue.poll();
      more = !queue.isEmpty();
    }
    if (next == null) {
      if (split == null && noMoreSplits) {
        return InputStatus.END_OF_INPUT;
      }
      output.markIdle();
      return InputStatus.NOTHING_AVAILABLE;
    }
    if (isNew(next)) {
      lastEmitted = next;
      output.collect(next);
    }
    return more ? InputStatus.MORE_AVAILABLE : InputStatus.NOTHING_AVAILABLE;
  }

  /** Newer than what was emitted: a later zxid, or a delete after a stored value. */
  private boolean isNew(Versioned<T> v) {
    Versioned<T> last = lastEmitted;
    if (last == null) {
      return v.isStored();
    }
    if (!v.isStored()) {
      return last.isStored();
    }
    return !last.isStored() || v.mzxid() > last.mzxid();
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
    ConfigSplit s = split;
    return s == null ? List.of() : List.of(s);
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
    if (watcher != null) {
      watcher.close();
    }
    if (baton != null) {
      baton.close();
    }
  }
}
