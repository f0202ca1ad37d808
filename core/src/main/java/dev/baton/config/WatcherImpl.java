package dev.baton.config;

import dev.baton.ListenerHandle;
import dev.baton.codec.Codec;
import dev.baton.codec.DecodeException;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A typed view of one key over the key's shared {@link KeyWatch}. */
final class WatcherImpl<T> implements ConfigWatcher<T> {
  private static final Logger LOG = LoggerFactory.getLogger(WatcherImpl.class);

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final ConfigRegistry registry;
  private final String key;
  private final Codec<T> codec;
  private final @Nullable T defaultValue;
  private final @Nullable Validator<? super T> validator;
  private final Executor executor;
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final Listeners<Lane<T>> lanes;
  private final Object monitor = new Object();
  private volatile Versioned<T> current;
  private long lastRejectedMzxid = -1; // touched on the KeyWatch's delivery lane only
  private @Nullable KeyWatch keyWatch;
  private @Nullable ListenerHandle check;

  WatcherImpl(
      ConfigRegistry registry,
      String key,
      Codec<T> codec,
      @Nullable T defaultValue,
      @Nullable Validator<? super T> validator,
      @Nullable Executor executor) {
    this.registry = registry;
    this.key = key;
    this.codec = codec;
    this.defaultValue = defaultValue;
    this.validator = validator;
    this.executor = executor != null ? executor : registry.listenerThreads;
    this.current = Versioned.ofDefault(defaultValue);
    this.lanes = new Listeners<>("config '" + key + "'");
  }

  WatcherImpl<T> start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("config watcher of '" + key + "' already started");
    }
    Parts.of(registry.coord).manage(this);
    if (validator != null) {
      check = registry.addCheck(key, codec, validator);
    }
    try {
      KeyWatch kw = registry.acquire(key);
      keyWatch = kw;
      kw.attach(this);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  /** The state when attached; no listener exists yet. Called on the KeyWatch's delivery lane. */
  void init(@Nullable Node node) {
    if (node != null) {
      accept(node, new java.util.IdentityHashMap<>(1));
    }
  }

  /** One new state of the node. Called on the KeyWatch's delivery lane, so never concurrently. */
  @SuppressWarnings("unchecked")
  void accept(Node node, Map<Object, Object> decoded) {
    if (!isStarted()) {
      return;
    }
    byte[] data = node.data();
    if (data == null) {
      if (!current.isStored()) {
        return;
      }
      publish(Versioned.ofDefault(defaultValue));
      return;
    }
    Object result =
        decoded.computeIfAbsent(
            codec,
            c -> {
              try {
                return codec.decode(key, node.version(), data);
              } catch (DecodeException e) {
                return e;
              }
            });
    if (result instanceof DecodeException e) {
      reject(
          node, ConfigRejection.Stage.DECODE, "not valid " + codec.describe() + ": " + e.reason());
      return;
    }
    T value = (T) result;
    String refusal = validator == null ? null : validate(validator, value);
    if (refusal != null) {
      reject(node, ConfigRejection.Stage.VALIDATION, refusal);
      return;
    }
    publish(Versioned.stored(value, node.version(), node.mzxid()));
  }

  static <T> @Nullable String validate(Validator<? super T> validator, T value) {
    try {
      return validator.check(value);
    } catch (RuntimeException e) {
      return "the validator threw " + e;
    }
  }

  private void publish(Versioned<T> next) {
    // Under the monitor, as addListener: a new lane starts on this state or is offered it.
    synchronized (monitor) {
      current = next;
      monitor.notifyAll();
      lanes.forEach(lane -> lane.offerChange(next));
    }
  }

  private void reject(Node node, ConfigRejection.Stage stage, String reason) {
    if (node.mzxid() == lastRejectedMzxid) {
      return;
    }
    lastRejectedMzxid = node.mzxid();
    byte[] data = Objects.requireNonNull(node.data());
    ConfigRejection rejection =
        new ConfigRejection(key, node.version(), node.mzxid(), stage, reason, data.length);
    LOG.warn("{}; keeping version {}", rejection.message(), current.version());
    lanes.forEach(lane -> lane.offerRejection(rejection));
  }

  boolean isStarted() {
    return state.get() == State.STARTED;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Versioned<T> current() {
    return current;
  }

  @Override
  public T get() {
    T value = current.value();
    if (value == null) {
      throw new NoSuchElementException(
          "config '" + key + "' has no stored value and no default value");
    }
    return value;
  }

  @Override
  public ListenerHandle addListener(ConfigListener<T> listener) {
    return addListener(listener, executor);
  }

  @Override
  public ListenerHandle addListener(ConfigListener<T> listener, Executor executor) {
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(executor, "executor");
    if (state.get() == State.CLOSED) {
      throw new IllegalStateException("config watcher of '" + key + "' is closed");
    }
    Lane<T> lane;
    ListenerHandle handle;
    // Under the monitor, updates are published either before (and the lane starts on them) or
    // after (and the lane hears them): none is missed.
    synchronized (monitor) {
      lane = new Lane<>(this, listener, executor, current);
      handle = lanes.add(lane);
    }
    return () -> {
      handle.close();
      lane.remove();
    };
  }

  @Override
  public void removeListener(ConfigListener<T> listener) {
    Objects.requireNonNull(listener, "listener");
    lanes.removeIf(lane -> lane.serves(listener)).forEach(Lane::remove);
  }

  @Override
  public boolean awaitVersion(int minVersion, Duration timeout) throws InterruptedException {
    if (minVersion < 0) {
      throw new IllegalArgumentException("minVersion must be >= 0, was " + minVersion);
    }
    long deadline = System.nanoTime() + dev.baton.internal.Names.timeoutNanos("timeout", timeout);
    synchronized (monitor) {
      while (!(current.isStored() && current.version() >= minVersion)) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || state.get() == State.CLOSED) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    lanes.removeIf(lane -> true).forEach(Lane::remove);
    if (check != null) {
      check.close();
    }
    KeyWatch kw = keyWatch;
    if (kw != null) {
      kw.detach(this);
      registry.release(kw);
    }
    synchronized (monitor) {
      monitor.notifyAll();
    }
    Parts.of(registry.coord).unmanage(this);
  }

  @Override
  public String toString() {
    return "ConfigWatcher{" + key + " " + codec.describe() + ", v" + current.version() + "}";
  }
}
