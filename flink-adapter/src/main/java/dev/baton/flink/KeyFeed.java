package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.Versioned;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a {@link ConfigSource} follows: one key, through a config watcher. */
final class KeyFeed<T> implements ConfigFeed<Versioned<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFeed.class);

  private final ConfigKey<T> key;

  KeyFeed(ConfigKey<T> key) {
    this.key = key;
  }

  @Override
  public Configuration settings() {
    return key.settings();
  }

  @Override
  public Subscription<Versioned<T>> follow(
      Coordinator coordinator, ConfigSplit split, Consumer<Versioned<T>> push) {
    ConfigWatcher.Builder<T> b = coordinator.config(split.id(), key.codec());
    T def = key.defaultValue();
    if (def != null) {
      b.defaultValue(def);
    }
    ConfigWatcher<T> watcher = b.watch();
    ListenerHandle handle =
        watcher.addListener(
            new ConfigListener<>() {
              @Override
              public void onChange(Versioned<T> previous, Versioned<T> current) {
                push.accept(current);
              }

              @Override
              public void onRejected(ConfigRejection rejection) {
                LOG.warn("Config source kept its last good value: {}", rejection.message());
              }
            });
    // After subscribing, so that nothing falls between the read and the first change; admit()
    // drops what was already emitted.
    Versioned<T> now = watcher.current();
    if (now.isStored()) {
      push.accept(now);
    }
    LOG.info("Config source following '{}' from version {}", split.id(), now.version());
    return new KeySubscription<>(split, watcher, handle);
  }

  private static final class KeySubscription<T> implements Subscription<Versioned<T>> {
    private final ConfigSplit split;
    private final ConfigWatcher<T> watcher;
    private final ListenerHandle handle;
    private @Nullable Versioned<T> lastEmitted;

    KeySubscription(ConfigSplit split, ConfigWatcher<T> watcher, ListenerHandle handle) {
      this.split = split;
      this.watcher = watcher;
      this.handle = handle;
    }

    /** Newer than what was emitted: a later zxid, or a delete after a stored value. */
    @Override
    public boolean admit(Versioned<T> v) {
      Versioned<T> last = lastEmitted;
      boolean isNew;
      if (last == null) {
        isNew = v.isStored();
      } else if (!v.isStored()) {
        isNew = last.isStored();
      } else {
        isNew = !last.isStored() || v.mzxid() > last.mzxid();
      }
      if (isNew) {
        lastEmitted = v;
      }
      return isNew;
    }

    @Override
    public ConfigSplit position() {
      return split;
    }

    @Override
    public void close() {
      handle.close();
      watcher.close();
    }
  }
}
