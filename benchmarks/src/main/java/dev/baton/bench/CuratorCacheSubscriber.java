package dev.baton.bench;

import dev.baton.Coordinator;
import java.util.function.Consumer;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;

/** Curator's recommended cache, {@code CuratorCache}, holding the one watched node. */
final class CuratorCacheSubscriber implements Subscriber {
  private final Coordinator session;
  private final CuratorCache cache;

  CuratorCacheSubscriber(String connectString, String path, Consumer<Payload> onValue)
      throws InterruptedException {
    this.session = Sessions.coordinator(connectString);
    this.cache =
        CuratorCache.build(session.curator(), path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forCreatesAndChanges(
                    (before, node) -> onValue.accept(Payload.parse(node.getData())))
                .build());
    cache.start();
  }

  @Override
  public void close() {
    cache.close();
    session.close();
  }
}
