package dev.baton.bench;

import dev.baton.Coordinator;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.NodeCache;

/**
 * Curator's deprecated {@code NodeCache}: still what Flume's ZooKeeper configuration provider
 * watches its agent's node with, so the number a Flume user would replace.
 */
@SuppressWarnings("deprecation")
final class NodeCacheSubscriber implements Subscriber {
  private final Coordinator session;
  private final NodeCache cache;

  NodeCacheSubscriber(String connectString, String path, Consumer<Payload> onValue)
      throws Exception {
    this.session = Sessions.coordinator(connectString);
    this.cache = new NodeCache(session.curator(), path);
    cache
        .getListenable()
        .addListener(
            () -> {
              ChildData data = cache.getCurrentData();
              if (data != null) {
                onValue.accept(Payload.parse(data.getData()));
              }
            });
    cache.start();
  }

  @Override
  public void close() {
    try {
      cache.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      session.close();
    }
  }
}
