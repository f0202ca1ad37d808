package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.config.ConfigGroup;
import dev.baton.config.ConfigSnapshot;
import dev.baton.config.Versioned;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ConfigGroupSource} follows: a config group, one record per changed key. At the
 * start every present key is emitted, and every key the restored split had as present but the group
 * no longer has is emitted as deleted.
 */
final class GroupFeed<T> implements ConfigFeed<ConfigChange<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(GroupFeed.class);

  private final ConfigGroupSource<T> source;

  GroupFeed(ConfigGroupSource<T> source) {
    this.source = source;
  }

  @Override
  public Configuration settings() {
    return source.settings();
  }

  @Override
  public Subscription<ConfigChange<T>> follow(
      Coordinator coordinator, ConfigSplit split, Consumer<ConfigChange<T>> push) {
    Codec<T> codec = source.codec();
    ConfigGroup group = coordinator.configGroup(split.id());
    ListenerHandle handle;
    try {
      handle =
          group.addListener((previous, current, changed) -> emit(current, changed, codec, push));
    } catch (RuntimeException e) {
      group.close();
      throw e;
    }
    // After subscribing, so that nothing falls between the read and the first change; admit()
    // drops what was already emitted.
    ConfigSnapshot now = group.snapshot();
    TreeSet<String> keys = new TreeSet<>(now.keys());
    keys.addAll(split.present());
    emit(now, keys, codec, push);
    LOG.info(
        "Config source following group '{}' from generation {}: {} keys",
        split.id(),
        now.generation(),
        now.keys().size());
    return new GroupSubscription<>(split, group, handle);
  }

  private static <T> void emit(
      ConfigSnapshot snapshot,
      Collection<String> keys,
      Codec<T> codec,
      Consumer<ConfigChange<T>> push) {
    for (String key : new TreeSet<>(keys)) {
      Versioned<T> v;
      try {
        v = snapshot.get(key, codec).orElseGet(() -> Versioned.ofDefault(null));
      } catch (RuntimeException e) {
        LOG.warn("Config source kept the last good value of '{}': {}", key, e.toString());
        continue;
      }
      push.accept(new ConfigChange<>(key, v, snapshot.generation()));
    }
  }

  private static final class GroupSubscription<T> implements Subscription<ConfigChange<T>> {
    private final String prefix;
    private final ConfigGroup group;
    private final ListenerHandle handle;
    // The keys emitted as present, with the zxid of the value emitted (0: restored, not yet read).
    private final Map<String, Long> present = new HashMap<>();
    private long generation = Long.MIN_VALUE;

    GroupSubscription(ConfigSplit split, ConfigGroup group, ListenerHandle handle) {
      this.prefix = split.id();
      this.group = group;
      this.handle = handle;
      for (String k : split.present()) {
        present.put(k, 0L);
      }
    }

    /**
     * From no older snapshot than the last one emitted, and newer than what was emitted for its
     * key: a later zxid, or a delete of a present key.
     */
    @Override
    public boolean admit(ConfigChange<T> c) {
      if (c.generation() < generation) {
        return false;
      }
      generation = c.generation();
      Long last = present.get(c.key());
      if (c.isDeleted()) {
        return present.remove(c.key()) != null;
      }
      if (last != null && last >= c.versioned().mzxid()) {
        return false;
      }
      present.put(c.key(), c.versioned().mzxid());
      return true;
    }

    @Override
    public ConfigSplit position() {
      return new ConfigSplit(prefix, new ArrayList<>(new TreeSet<>(present.keySet())));
    }

    @Override
    public void close() {
      handle.close();
      group.close();
    }
  }
}
