package dev.baton.bench;

import java.util.function.Consumer;

/**
 * One way of watching a key, as the notification benchmarks compare them: a raw ZooKeeper watch, a
 * Curator cache, a Baton config watcher. Each variant owns its session and hands every value it
 * learns to a consumer.
 *
 * <p>A new variant is one class implementing this interface plus one line in {@link Subscribers};
 * the closed-loop benchmark and the open-loop driver then both measure it.
 */
public interface Subscriber extends AutoCloseable {

  /** Stops watching and closes the session. Idempotent. */
  @Override
  void close();

  /** Opens a subscriber of one variant. */
  @FunctionalInterface
  interface Factory {
    /**
     * Opens a session to {@code connectString} and starts watching {@code path}, which exists and
     * is a node directly under {@code /config} (see {@link Subscribers#path(String)}), so that
     * Baton's config watcher can watch it as a key.
     *
     * @param connectString the server
     * @param path the watched node
     * @param onValue receives every value the variant learns, on the variant's own thread
     * @return the running subscriber
     * @throws Exception if the variant cannot start
     */
    Subscriber open(String connectString, String path, Consumer<Payload> onValue) throws Exception;
  }
}
