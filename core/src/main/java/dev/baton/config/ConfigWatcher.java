package dev.baton.config;

import dev.baton.Coordinator;
import dev.baton.Listenable;
import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.internal.Parts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * The live, typed, validated value of one config key.
 *
 * <pre>{@code
 * ConfigWatcher<EtlConfig> etl = coord.config("etl", Codecs.json(EtlConfig.class))
 *     .defaultValue(EtlConfig.DEFAULTS)
 *     .validator(c -> c.batchSize() > 0 ? null : "batchSize must be positive")
 *     .watch();
 * etl.addListener(new ConfigListener<>() {
 *   public void onChange(Versioned<EtlConfig> previous, Versioned<EtlConfig> current) {
 *     pipeline.resize(current.value().batchSize());
 *   }
 *   public void onRejected(ConfigRejection rejection) {
 *     log.warn(rejection.message());
 *   }
 * });
 * int batch = etl.get().batchSize();
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>A watcher reads the key's node at {@code /config/<key>} when it starts, then once per change,
 * through a ZooKeeper persistent watch: no polling. Every watcher of one key within one coordinator
 * shares that watch and that read (a hundred watchers cost ZooKeeper what one costs); the bytes are
 * decoded once per version and codec.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Bytes that do not decode, or a value the validator refuses, are rejected: the watcher keeps
 *       its last good value and listeners hear {@link ConfigListener#onRejected}. A rejection never
 *       stops the watcher; the next valid version is delivered as usual.
 *   <li>A deleted (or empty) node puts the watcher back on its default value, as a change whose
 *       {@linkplain Versioned#source() source} is {@code DEFAULT}; a node created later is picked
 *       up.
 *   <li>After a dropped connection or an expired session the watcher re-reads by itself (and after
 *       an expiry re-adds its watch) and delivers the latest value if it changed meanwhile. During
 *       the outage it keeps serving its last good value.
 *   <li>Listeners run on the watcher's executor, each listener serially, in version order, ending
 *       on the latest value: see {@link ConfigListener}.
 * </ul>
 *
 * <p>Values are shared between the watchers of a key that use the same codec instance: treat them
 * as immutable. Thread-safe. Close the watcher (or its coordinator) to remove the watch.
 *
 * @param <T> the value's type
 * @since 0.1
 */
public interface ConfigWatcher<T> extends Listenable<ConfigListener<T>>, AutoCloseable {
  /**
   * Starts building a watcher; the same as {@link Coordinator#config(String, Codec)}.
   *
   * @param coordinator the coordinator whose session the watcher uses
   * @param key the config key: one or more segments of letters, digits, {@code . _ -}, separated by
   *     {@code /}, e.g. {@code etl} or {@code etl/batch-size}
   * @param codec how the key's bytes become values
   * @param <T> the value's type
   * @return the builder
   * @throws IllegalArgumentException if the key is invalid
   * @throws IllegalStateException if the coordinator is closed
   */
  static <T> Builder<T> builder(Coordinator coordinator, String key, Codec<T> codec) {
    return new Builder<>(coordinator, key, codec);
  }

  /** {@return the key this watcher watches} */
  String key();

  /**
   * The watcher's value now, with its version, zxid and source. Never blocks.
   *
   * @return the last good value, or the default while the key has no stored value
   */
  Versioned<T> current();

  /**
   * The value of {@link #current()}.
   *
   * @return the value
   * @throws java.util.NoSuchElementException if the key has no stored value and no default value
   *     was given
   */
  T get();

  /**
   * Adds a listener running on the watcher's executor (the builder's {@link Builder#executor}, by
   * default the coordinator's {@code baton-config-<n>} daemon threads).
   *
   * @param listener the listener; its first {@code previous} is the watcher's value now
   * @return a handle that removes the listener
   * @throws IllegalStateException if the watcher is closed
   */
  @Override
  ListenerHandle addListener(ConfigListener<T> listener);

  /**
   * Adds a listener running on {@code executor}, one call at a time, with the same ordering and
   * coalescing as {@link #addListener(ConfigListener)}.
   *
   * @param listener the listener; its first {@code previous} is the watcher's value now
   * @param executor where it runs
   * @return a handle that removes the listener
   * @throws IllegalStateException if the watcher is closed
   */
  @Override
  ListenerHandle addListener(ConfigListener<T> listener, Executor executor);

  /**
   * Removes every registration of {@code listener}; it hears nothing more. Does nothing if it is
   * not registered.
   *
   * @param listener the listener
   */
  @Override
  void removeListener(ConfigListener<T> listener);

  /**
   * Waits until the watcher holds a stored value of at least {@code minVersion}.
   *
   * @param minVersion the smallest ZooKeeper version to wait for (0 is the first stored value)
   * @param timeout how long to wait at most
   * @return {@code true} if reached, {@code false} on time out or if the watcher closed
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code minVersion} or {@code timeout} is negative, or
   *     {@code timeout} is null
   */
  boolean awaitVersion(int minVersion, Duration timeout) throws InterruptedException;

  /**
   * Stops watching: listeners hear nothing more, and the key's watch is removed from the server
   * when its last watcher in this coordinator closes. Idempotent.
   */
  @Override
  void close();

  /**
   * Settings of a {@link ConfigWatcher}. Only the key and the codec are required.
   *
   * @param <T> the value's type
   * @since 0.1
   */
  final class Builder<T> {
    private final Coordinator coordinator;
    private final String key;
    private final Codec<T> codec;
    private @Nullable T defaultValue;
    private @Nullable Validator<? super T> validator;
    private @Nullable Executor executor;

    private Builder(Coordinator coordinator, String key, Codec<T> codec) {
      this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
      this.key = Layout.checkKey(key);
      this.codec = Objects.requireNonNull(codec, "codec");
      Parts.of(coordinator).checkOpen();
    }

    /**
     * The value while the key has no stored value (never written, deleted, or empty). Default:
     * none, and {@link ConfigWatcher#get()} throws until a value is stored.
     *
     * @param value the default
     * @return this builder
     */
    public Builder<T> defaultValue(T value) {
      this.defaultValue = Objects.requireNonNull(value, "defaultValue");
      return this;
    }

    /**
     * Refuses decoded values that fail {@code validator}; writes through a {@link ConfigStore} of
     * the same coordinator are checked against it too while the watcher is open. Default: every
     * decoded value is accepted.
     *
     * @param validator the validator
     * @return this builder
     */
    public Builder<T> validator(Validator<? super T> validator) {
      this.validator = Objects.requireNonNull(validator, "validator");
      return this;
    }

    /**
     * Where listeners run. Each listener still runs serially. Default: a pool of daemon threads
     * named {@code baton-config-<n>} shared by the coordinator's config recipes, on which a slow
     * listener holds up only itself. A direct executor ({@code Runnable::run}) runs listeners on
     * ZooKeeper's event thread, saving the hand-off: such listeners must be quick and must never
     * block, or every watch of the coordinator stalls.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder<T> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Starts the watcher: adds the watch (or joins the key's existing one) and reads the key, so
     * that {@link ConfigWatcher#current()} is up to date when this returns. If the coordinator is
     * not connected yet, the watcher starts on its default and reads as soon as it connects. Any
     * other failure of the first read is thrown, after removing the watch again.
     *
     * @return the started watcher, closed with the coordinator
     * @throws IllegalStateException if the coordinator is closed
     * @throws dev.baton.AccessDeniedException if the session's credentials do not permit reading
     *     the key (ZooKeeper's NOAUTH); the exception's path is the key
     * @throws dev.baton.CoordinationException if the watch cannot be added or the key read for a
     *     reason other than a missing connection, or if interrupted (the interrupt flag is
     *     restored)
     */
    public ConfigWatcher<T> watch() {
      ConfigRegistry registry = ConfigRegistry.of(coordinator);
      return new WatcherImpl<>(registry, key, codec, defaultValue, validator, executor).start();
    }
  }
}
