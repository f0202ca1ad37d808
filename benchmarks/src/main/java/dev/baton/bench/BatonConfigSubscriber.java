package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.Versioned;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Baton's {@link ConfigWatcher} on the watched key, with its default listener executor: what an
 * application gets from {@code coord.config(key, codec).watch()} and {@code addListener}. The key's
 * node is the one every variant watches ({@link Subscribers#path(String)}); a raw writer changes
 * it, so the watcher's extra work over the raw anchor (decoding, the listener hand-off) is all that
 * differs.
 *
 * @param <T> the codec's value type
 */
final class BatonConfigSubscriber<T> implements Subscriber {
  private final Coordinator session;
  private final ConfigWatcher<T> watcher;

  private BatonConfigSubscriber(
      String connectString,
      String path,
      Consumer<Payload> onValue,
      Codec<T> codec,
      Function<T, Payload> toPayload,
      boolean direct)
      throws InterruptedException {
    String key = Subscribers.key(path);
    this.session = Sessions.coordinator(connectString);
    try {
      ConfigWatcher.Builder<T> builder = session.config(key, codec);
      if (direct) {
        builder.executor(Runnable::run);
      }
      this.watcher = builder.watch();
      watcher.addListener(
          (Versioned<T> previous, Versioned<T> current) -> {
            T value = current.value();
            if (value != null) {
              onValue.accept(toPayload.apply(value));
            }
          });
      // A listener hears changes only: hand over the value the watcher read when it started, as
      // the raw variants do with their first read.
      T first = watcher.current().value();
      if (first != null) {
        onValue.accept(toPayload.apply(first));
      }
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * {@return a factory decoding with the string codec, the text then parsed like raw clients do}
   */
  static Subscriber.Factory string() {
    Codec<String> codec = Codecs.ofString();
    return (cs, path, onValue) ->
        new BatonConfigSubscriber<>(cs, path, onValue, codec, Payload::parse, false);
  }

  /**
   * {@return the string variant with a direct listener executor: listeners run on ZooKeeper's event
   * thread, as the raw anchor's callback does}
   */
  static Subscriber.Factory stringDirect() {
    Codec<String> codec = Codecs.ofString();
    return (cs, path, onValue) ->
        new BatonConfigSubscriber<>(cs, path, onValue, codec, Payload::parse, true);
  }

  /**
   * {@return a factory decoding with Baton's JSON codec straight into the {@link Payload} record}
   */
  static Subscriber.Factory json() {
    Codec<Payload> codec = Codecs.json(Payload.class);
    return (cs, path, onValue) ->
        new BatonConfigSubscriber<>(cs, path, onValue, codec, Function.identity(), false);
  }

  @Override
  public void close() {
    watcher.close();
    session.close();
  }
}
