package dev.baton.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The notification variants by name: the names are the {@code variant} parameter's values. */
final class Subscribers {
  /** Raw ZooKeeper: a one-shot watch, re-armed by the {@code getData} that reads each change. */
  static final String ZK_ONESHOT = "zk-oneshot";

  /** Raw ZooKeeper: a persistent watch ({@code addWatch}) and one {@code getData} per event. */
  static final String ZK_PERSISTENT = "zk-persistent";

  /** Curator {@code CuratorCache} on the single node. */
  static final String CURATOR_CACHE = "curator-cache";

  /** Curator's deprecated {@code NodeCache}, which Flume's ZooKeeper configuration uses. */
  static final String CURATOR_NODECACHE = "curator-nodecache";

  // ---- Baton variants: "baton-string" (ConfigWatcher, string codec) and "baton-json"
  // (ConfigWatcher, JSON record codec decoding Payload) go here once dev.baton.config is merged,
  // and into the @Param list of NotificationLatencyBenchmark and OPEN_LOOP. ----

  /** The variants the open loop runs (each fan-out of 100 sessions per variant costs minutes). */
  static final List<String> OPEN_LOOP = List.of(ZK_PERSISTENT, CURATOR_CACHE);

  private static final Map<String, Subscriber.Factory> FACTORIES;

  static {
    Map<String, Subscriber.Factory> m = new LinkedHashMap<>();
    m.put(ZK_ONESHOT, RawOneShotSubscriber::new);
    m.put(ZK_PERSISTENT, RawPersistentSubscriber::new);
    m.put(CURATOR_CACHE, CuratorCacheSubscriber::new);
    m.put(CURATOR_NODECACHE, NodeCacheSubscriber::new);
    FACTORIES = Collections.unmodifiableMap(m);
  }

  private Subscribers() {}

  /** {@return every variant, anchors first} */
  static Map<String, Subscriber.Factory> all() {
    return FACTORIES;
  }

  /** {@return the factory of {@code variant}} */
  static Subscriber.Factory named(String variant) {
    Subscriber.Factory f = FACTORIES.get(variant);
    if (f == null) {
      throw new IllegalArgumentException(
          "unknown notification variant '" + variant + "'; known: " + FACTORIES.keySet());
    }
    return f;
  }
}
