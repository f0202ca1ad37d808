package dev.baton.config;

import dev.baton.CoordinationException;
import dev.baton.Guard;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.codec.DecodeException;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/** The {@link ConfigStore} of one coordinator, with one history limit. */
final class StoreImpl implements ConfigStore {
  private final ConfigRegistry registry;
  private final int historyLimit;
  private final Writer writer;

  StoreImpl(ConfigRegistry registry, int historyLimit) {
    this.registry = registry;
    this.historyLimit = historyLimit;
    this.writer = new Writer(registry, historyLimit);
  }

  @Override
  public ConfigStore withHistory(int versions) {
    if (versions < 0 || versions > 1000) {
      throw new IllegalArgumentException("history must keep 0 to 1000 versions, was " + versions);
    }
    return new StoreImpl(registry, versions);
  }

  @Override
  public List<String> keys() {
    return KeyListing.keys(registry.client);
  }

  @Override
  public int historyLimit() {
    return historyLimit;
  }

  @Override
  public <T> Optional<Versioned<T>> get(String key, Codec<T> codec) {
    Layout.checkKey(key);
    Objects.requireNonNull(codec, "codec");
    Stat stat = new Stat();
    byte[] data;
    try {
      data = registry.client.getData().storingStatIn(stat).forPath(Layout.valuePath(key));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw ZkErrors.translate(key, "read", e);
    }
    if (data == null || data.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        Versioned.stored(
            codec.decode(key, stat.getVersion(), data), stat.getVersion(), stat.getMzxid()));
  }

  @Override
  public <T> Versioned<T> put(String key, Codec<T> codec, T value) {
    return putGuarded(key, codec, value, null);
  }

  @Override
  public <T> Versioned<T> put(String key, Codec<T> codec, T value, Guard guard) {
    return putGuarded(key, codec, value, Objects.requireNonNull(guard, "guard"));
  }

  private <T> Versioned<T> putGuarded(String key, Codec<T> codec, T value, @Nullable Guard guard) {
    Writer.Write w = encode(ConfigEntry.of(key, codec, value));
    Writer.Written done = Objects.requireNonNull(commit(List.of(w), guard)).get(key);
    return Versioned.stored(value, done.version(), done.mzxid());
  }

  @Override
  public <T> boolean compareAndSet(String key, Codec<T> codec, int expectedVersion, T value) {
    return cas(key, codec, expectedVersion, value, null);
  }

  @Override
  public <T> boolean compareAndSet(
      String key, Codec<T> codec, int expectedVersion, T value, Guard guard) {
    return cas(key, codec, expectedVersion, value, Objects.requireNonNull(guard, "guard"));
  }

  private <T> boolean cas(
      String key, Codec<T> codec, int expectedVersion, T value, @Nullable Guard guard) {
    Writer.Write w = encode(ConfigEntry.ifVersion(key, codec, expectedVersion, value));
    return commit(List.of(w), guard) != null;
  }

  @Override
  public <T> Versioned<T> update(String key, Codec<T> codec, UnaryOperator<T> fn) {
    return updateGuarded(key, codec, fn, null);
  }

  @Override
  public <T> Versioned<T> update(String key, Codec<T> codec, UnaryOperator<T> fn, Guard guard) {
    return updateGuarded(key, codec, fn, Objects.requireNonNull(guard, "guard"));
  }

  private <T> Versioned<T> updateGuarded(
      String key, Codec<T> codec, UnaryOperator<T> fn, @Nullable Guard guard) {
    Objects.requireNonNull(fn, "fn");
    for (int attempt = 0; attempt < Writer.MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        Writer.backOff(attempt, key);
      }
      Versioned<T> current =
          get(key, codec)
              .orElseThrow(
                  () ->
                      new CoordinationException(key, "update failed: the key has no stored value"));
      T next = Objects.requireNonNull(fn.apply(current.value()), "update function returned null");
      Writer.Write w = encode(ConfigEntry.ifVersion(key, codec, current.version(), next));
      Map<String, Writer.Written> done = commit(List.of(w), guard);
      if (done != null) {
        Writer.Written written = done.get(key);
        return Versioned.stored(next, written.version(), written.mzxid());
      }
    }
    throw new ConfigConflictException(
        key,
        "update gave up after " + Writer.MAX_ATTEMPTS + " attempts lost to concurrent writers",
        null);
  }

  @Override
  public Map<String, Versioned<?>> putAll(List<? extends ConfigEntry<?>> entries) {
    return putAllGuarded(entries, null);
  }

  @Override
  public Map<String, Versioned<?>> putAll(List<? extends ConfigEntry<?>> entries, Guard guard) {
    return putAllGuarded(entries, Objects.requireNonNull(guard, "guard"));
  }

  private Map<String, Versioned<?>> putAllGuarded(
      List<? extends ConfigEntry<?>> entries, @Nullable Guard guard) {
    Objects.requireNonNull(entries, "entries");
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("putAll needs at least one entry");
    }
    Set<String> seen = new HashSet<>();
    List<Writer.Write> writes = new ArrayList<>(entries.size());
    for (ConfigEntry<?> e : entries) {
      if (!seen.add(e.key())) {
        throw new IllegalArgumentException("putAll names key '" + e.key() + "' more than once");
      }
      writes.add(encode(e));
    }
    String[] conflict = new String[1];
    Map<String, Writer.Written> done = writer.commit(writes, guard, conflict);
    if (done == null) {
      ConfigEntry<?> failed =
          entries.stream().filter(e -> e.key().equals(conflict[0])).findFirst().orElseThrow();
      throw new ConfigConflictException(
          failed.key(),
          "putAll refused: expected "
              + (failed.expectedVersion() == ABSENT
                  ? "no value"
                  : "version " + failed.expectedVersion())
              + ", found another; nothing was written",
          null);
    }
    Map<String, Versioned<?>> out = new LinkedHashMap<>();
    for (ConfigEntry<?> e : entries) {
      Writer.Written w = done.get(e.key());
      out.put(e.key(), Versioned.stored(e.value(), w.version(), w.mzxid()));
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean delete(String key) {
    return deleter().delete(Layout.checkKey(key), null);
  }

  @Override
  public boolean delete(String key, Guard guard) {
    return deleter().delete(Layout.checkKey(key), Objects.requireNonNull(guard, "guard"));
  }

  private Deleter deleter() {
    return new Deleter(registry, writer);
  }

  @Override
  public <T> List<Versioned<T>> history(String key, Codec<T> codec) {
    return History.read(
        registry.client, Layout.checkKey(key), Objects.requireNonNull(codec, "codec"));
  }

  @Override
  public <T> List<HistoryEntry<T>> historyEntries(String key, Codec<T> codec) {
    return History.review(registry, Layout.checkKey(key), Objects.requireNonNull(codec, "codec"));
  }

  @Override
  public <T> Versioned<T> rollback(String key, Codec<T> codec, int version) {
    return rollbackGuarded(key, codec, version, null);
  }

  @Override
  public <T> Versioned<T> rollback(String key, Codec<T> codec, int version, Guard guard) {
    return rollbackGuarded(key, codec, version, Objects.requireNonNull(guard, "guard"));
  }

  private <T> Versioned<T> rollbackGuarded(
      String key, Codec<T> codec, int version, @Nullable Guard guard) {
    byte[] data = History.bytesOf(registry.client, Layout.checkKey(key), version);
    return putGuarded(key, codec, codec.decode(key, version, data), guard);
  }

  @Override
  public <T> ListenerHandle addValidator(
      String key, Codec<T> codec, Validator<? super T> validator) {
    Layout.checkKey(key);
    return registry.addCheck(
        key,
        Objects.requireNonNull(codec, "codec"),
        Objects.requireNonNull(validator, "validator"));
  }

  private @Nullable Map<String, Writer.Written> commit(
      List<Writer.Write> writes, @Nullable Guard guard) {
    return writer.commit(writes, guard, new String[1]);
  }

  /** Encodes and checks a value before anything is sent. */
  private <T> Writer.Write encode(ConfigEntry<T> e) {
    byte[] bytes;
    try {
      bytes = e.codec().encode(e.value());
    } catch (RuntimeException ex) {
      throw new IllegalArgumentException(
          "config '"
              + e.key()
              + "': cannot encode the value as "
              + e.codec().describe()
              + ": "
              + ex.getMessage(),
          ex);
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException(
          "config '"
              + e.key()
              + "': the value encodes to zero bytes, which Baton reads as no value;"
              + " delete the key instead");
    }
    try {
      e.codec().decode(e.key(), Layout.UNWRITTEN, bytes);
    } catch (DecodeException ex) {
      throw new ConfigRejectedException(
          e.key(), "write refused: the value does not decode again: " + ex.reason(), ex);
    }
    String refusal = registry.refusal(e.key(), bytes);
    if (refusal != null) {
      throw new ConfigRejectedException(e.key(), "write refused by a validator: " + refusal, null);
    }
    return new Writer.Write(e.key(), bytes, e.expectedVersion());
  }
}
