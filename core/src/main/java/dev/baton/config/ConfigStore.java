package dev.baton.config;

import dev.baton.Coordinator;
import dev.baton.Guard;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes (and one-off reads) of typed config values, validated before they reach ZooKeeper.
 *
 * <pre>{@code
 * ConfigStore store = coord.configs();
 * Versioned<EtlConfig> v = store.put("etl", etlCodec, new EtlConfig(500, Duration.ofSeconds(5), sinks));
 * boolean won = store.compareAndSet("etl", etlCodec, v.version(), v.value().withBatchSize(1000));
 * store.update("etl", etlCodec, c -> c.withBatchSize(c.batchSize() * 2));
 * store.putAll(List.of(
 *     ConfigEntry.of("etl/batch-size", Codecs.ofInt(), 1000),
 *     ConfigEntry.of("etl/flush", Codecs.ofDuration(), Duration.ofSeconds(10))));
 * store.rollback("etl", etlCodec, v.version());
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>Every write is one ZooKeeper {@code multi()} that stores the value at {@code /config/<key>}, a
 * copy in the key's bounded history ({@code /config-history/<key>}, the last {@link
 * #historyLimit()} values) and bumps the generation of the key's group ({@code
 * /config-generations/<prefix>} for a key {@code <prefix>/<name>}), so history and group watchers
 * never see a value without the other. Before anything is sent, the value is encoded, decoded again
 * with its codec, and checked by every validator registered for the key in this coordinator (by
 * {@link #addValidator} or by an open {@link ConfigWatcher} with a validator): a refused value
 * throws {@link ConfigRejectedException}. A write larger than ZooKeeper accepts ({@code
 * jute.maxbuffer}, 1 MB by default, counting the history copy) throws {@link
 * dev.baton.PayloadTooLargeException}. In both cases nothing is written.
 *
 * <p>Every write has an overload taking a {@link Guard} (a lease's or a leadership's): the guard's
 * node is checked in the same {@code multi()}, so a writer that lost its lease cannot write; it
 * gets {@link dev.baton.LeaseLostException} and nothing changes.
 *
 * <p>Connection failures surface as {@link dev.baton.ConnectionLostException} (the outcome on the
 * server may be unknown). Thread-safe; stores are cheap views over the coordinator.
 *
 * @since 0.1
 */
public interface ConfigStore {
  /** As an expected version: the key must have no value (no node, or an empty one). */
  int ABSENT = -1;

  /** How many versions of each key the history keeps unless told otherwise. */
  int DEFAULT_HISTORY = 10;

  /**
   * The store of a coordinator; the same as {@link Coordinator#configs()}.
   *
   * @param coordinator the coordinator
   * @return a store keeping {@link #DEFAULT_HISTORY} versions of history
   * @throws IllegalStateException if the coordinator is closed
   */
  static ConfigStore of(Coordinator coordinator) {
    return new StoreImpl(ConfigRegistry.of(coordinator), DEFAULT_HISTORY);
  }

  /**
   * A view of this store whose writes keep {@code versions} versions of history per key.
   *
   * @param versions how many versions to keep; 0 writes no history
   * @return the view
   * @throws IllegalArgumentException if negative or above 1000
   */
  ConfigStore withHistory(int versions);

  /** {@return how many versions of history this store's writes keep per key} */
  int historyLimit();

  /**
   * Reads a key once (use a {@link ConfigWatcher} to follow it).
   *
   * @param key the key
   * @param codec how to decode it
   * @param <T> the value's type
   * @return the stored value, or empty if the key has none
   * @throws dev.baton.codec.DecodeException if the stored bytes do not decode
   */
  <T> Optional<Versioned<T>> get(String key, Codec<T> codec);

  /**
   * Stores a value, whatever the key holds now.
   *
   * @param key the key
   * @param codec how to encode it
   * @param value the value
   * @param <T> the value's type
   * @return the value as stored, with its new version
   * @throws IllegalArgumentException if the key is invalid or the value cannot be encoded
   * @throws ConfigRejectedException if a validator refuses the value
   * @throws dev.baton.PayloadTooLargeException if the write exceeds ZooKeeper's limit
   */
  <T> Versioned<T> put(String key, Codec<T> codec, T value);

  /**
   * {@link #put(String, Codec, Object)} behind a guard.
   *
   * @param key the key
   * @param codec how to encode it
   * @param value the value
   * @param guard the lease or leadership that must still be held
   * @param <T> the value's type
   * @return the value as stored, with its new version
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  <T> Versioned<T> put(String key, Codec<T> codec, T value, Guard guard);

  /**
   * Stores a value only if the key is at {@code expectedVersion}.
   *
   * @param key the key
   * @param codec how to encode it
   * @param expectedVersion the version the key must have, or {@link #ABSENT}
   * @param value the value
   * @param <T> the value's type
   * @return {@code true} if stored, {@code false} if the key had another version
   * @throws IllegalArgumentException if {@code expectedVersion} is below {@link #ABSENT}
   * @throws ConfigRejectedException if a validator refuses the value
   */
  <T> boolean compareAndSet(String key, Codec<T> codec, int expectedVersion, T value);

  /**
   * {@link #compareAndSet(String, Codec, int, Object)} behind a guard.
   *
   * @param key the key
   * @param codec how to encode it
   * @param expectedVersion the version the key must have, or {@link #ABSENT}
   * @param value the value
   * @param guard the lease or leadership that must still be held
   * @param <T> the value's type
   * @return {@code true} if stored, {@code false} if the key had another version
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  <T> boolean compareAndSet(String key, Codec<T> codec, int expectedVersion, T value, Guard guard);

  /**
   * Replaces the stored value with {@code fn(value)}, retrying on concurrent writes (a bounded
   * compare-and-set loop). {@code fn} may run several times: keep it free of side effects.
   *
   * @param key the key
   * @param codec its codec
   * @param fn computes the new value from the current one
   * @param <T> the value's type
   * @return the value as stored
   * @throws dev.baton.CoordinationException if the key has no stored value
   * @throws ConfigConflictException if every attempt lost to a concurrent write
   */
  <T> Versioned<T> update(String key, Codec<T> codec, UnaryOperator<T> fn);

  /**
   * {@link #update(String, Codec, UnaryOperator)} behind a guard.
   *
   * @param key the key
   * @param codec its codec
   * @param fn computes the new value from the current one
   * @param guard the lease or leadership that must still be held
   * @param <T> the value's type
   * @return the value as stored
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  <T> Versioned<T> update(String key, Codec<T> codec, UnaryOperator<T> fn, Guard guard);

  /**
   * Stores several values atomically, in one {@code multi()}: all or none. A group watcher sees the
   * keys of one group change in one event.
   *
   * @param entries the writes, at most one per key
   * @return the stored values by key, in the order of {@code entries}
   * @throws IllegalArgumentException if {@code entries} is empty or names a key twice
   * @throws ConfigConflictException if an entry's expected version does not hold; nothing was
   *     written
   * @throws ConfigRejectedException if a validator refuses a value; nothing was written
   */
  Map<String, Versioned<?>> putAll(List<? extends ConfigEntry<?>> entries);

  /**
   * {@link #putAll(List)} behind a guard.
   *
   * @param entries the writes, at most one per key
   * @param guard the lease or leadership that must still be held
   * @return the stored values by key, in the order of {@code entries}
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  Map<String, Versioned<?>> putAll(List<? extends ConfigEntry<?>> entries, Guard guard);

  /**
   * Deletes a key's value; its watchers go back to their defaults. The history stays, so a rollback
   * can bring the value back.
   *
   * @param key the key
   * @return whether the key had a value
   * @throws IllegalArgumentException if {@code key} is not a valid key
   * @throws dev.baton.ConnectionLostException if the connection failed (the outcome may be unknown)
   */
  boolean delete(String key);

  /**
   * {@link #delete(String)} behind a guard.
   *
   * @param key the key
   * @param guard the lease or leadership that must still be held
   * @return whether the key had a value
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was deleted, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  boolean delete(String key, Guard guard);

  /**
   * The key's recent values, newest first: at most the history limit of the stores that wrote them.
   *
   * @param key the key
   * @param codec how to decode the values
   * @param <T> the value's type
   * @return the values with the version they had and the zxid of their write
   * @throws dev.baton.codec.DecodeException if a stored value does not decode
   */
  <T> List<Versioned<T>> history(String key, Codec<T> codec);

  /**
   * The key's recent values, newest first, like {@link #history}, each with this process's verdict:
   * whether {@code codec} decodes it and the validators registered with this coordinator ({@link
   * #addValidator}, or an open {@link ConfigWatcher} with a validator) accept it. A value written
   * from a process without those validators is stored and listed by {@link #history} like any
   * other; here it is marked rejected, with the reason. Validators are not stored in ZooKeeper: the
   * verdict is this process's, and another process may judge differently. Never throws for a value
   * that does not decode.
   *
   * @param key the key
   * @param codec how to decode the values
   * @param <T> the value's type
   * @return the entries, newest first
   * @throws IllegalArgumentException if {@code key} is not a valid key
   * @throws dev.baton.CoordinationException if the history cannot be read
   */
  <T> List<HistoryEntry<T>> historyEntries(String key, Codec<T> codec);

  /**
   * Stores again the value that {@code key} had at {@code version} (the newest such entry of its
   * history), as a new version. The value is validated like any write.
   *
   * @param key the key
   * @param codec its codec
   * @param version the version to restore, as listed by {@link #history}
   * @param <T> the value's type
   * @return the restored value, with its new version
   * @throws dev.baton.CoordinationException if the history has no such version
   */
  <T> Versioned<T> rollback(String key, Codec<T> codec, int version);

  /**
   * {@link #rollback(String, Codec, int)} behind a guard.
   *
   * @param key the key
   * @param codec its codec
   * @param version the version to restore
   * @param guard the lease or leadership that must still be held
   * @param <T> the value's type
   * @return the restored value, with its new version
   * @throws dev.baton.LeaseLostException if the guard no longer holds: nothing was written, unless
   *     {@link dev.baton.LeaseLostException#outcomeUnknown()} (lost while a reply was outstanding)
   */
  <T> Versioned<T> rollback(String key, Codec<T> codec, int version, Guard guard);

  /**
   * Checks every later write of {@code key} through this coordinator with {@code validator} (after
   * decoding it with {@code codec}), until the handle is closed.
   *
   * @param key the key
   * @param codec how to decode written values for the validator
   * @param validator the validator
   * @param <T> the value's type
   * @return a handle that removes the validator
   * @throws IllegalArgumentException if {@code key} is not a valid key
   * @throws NullPointerException if {@code codec} or {@code validator} is null
   */
  <T> ListenerHandle addValidator(String key, Codec<T> codec, Validator<? super T> validator);

  /**
   * Every key that holds a value, sorted, hierarchical keys by their full name ({@code
   * etl/batch-size}). A deleted key is not listed, though its history stays.
   *
   * <pre>{@code
   * for (String key : coord.configs().keys()) {
   *   System.out.println(key);
   * }
   * }</pre>
   *
   * <p>Reads the tree once, node by node: not a consistent snapshot while keys are being written.
   *
   * @return the keys, sorted
   * @throws dev.baton.CoordinationException if the keys cannot be read
   * @since 0.1
   */
  List<String> keys();
}
