package dev.baton.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;

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

  /** Baton {@code ConfigWatcher} with the string codec; the text parsed as the raw clients do. */
  static final String BATON_STRING = "baton-string";

  /** Baton {@code ConfigWatcher} with the JSON codec, decoding into the {@link Payload} record. */
  static final String BATON_JSON = "baton-json";

  /**
   * Baton {@code ConfigWatcher} with the string codec and a direct listener executor ({@code
   * Runnable::run}): the listener runs on ZooKeeper's event thread like the anchor's callback, so
   * the difference to {@link #BATON_STRING} is the cost of the default listener hand-off.
   */
  static final String BATON_DIRECT = "baton-string-direct";

  /** The variants the open loop runs (each fan-out of 100 sessions per variant costs minutes). */
  static final List<String> OPEN_LOOP =
      List.of(ZK_PERSISTENT, CURATOR_CACHE, BATON_STRING, BATON_JSON);

  /** The variants the paired closed loop compares with {@link #ZK_PERSISTENT}. */
  static final List<String> PAIRED = List.of(BATON_STRING, BATON_JSON, BATON_DIRECT, CURATOR_CACHE);

  /**
   * Where Baton's config keys live (without a namespace): every variant watches a node under it, so
   * that a raw writer's {@code setData} is a config change for Baton's watcher too.
   */
  static final String CONFIG_ROOT = "/config";

  private static final Map<String, Subscriber.Factory> FACTORIES;

  static {
    Map<String, Subscriber.Factory> m = new LinkedHashMap<>();
    m.put(ZK_ONESHOT, RawSubscriber.oneShot());
    m.put(ZK_PERSISTENT, RawSubscriber.persistent());
    m.put(CURATOR_CACHE, CuratorCacheSubscriber::new);
    m.put(CURATOR_NODECACHE, NodeCacheSubscriber::new);
    m.put(BATON_STRING, BatonConfigSubscriber.string());
    m.put(BATON_JSON, BatonConfigSubscriber.json());
    m.put(BATON_DIRECT, BatonConfigSubscriber.stringDirect());
    FACTORIES = Collections.unmodifiableMap(m);
  }

  private Subscribers() {}

  /** {@return every variant, anchors first} */
  static Map<String, Subscriber.Factory> all() {
    return FACTORIES;
  }

  /** {@return the node of config key {@code key}, which every variant can watch} */
  static String path(String key) {
    return CONFIG_ROOT + "/" + key;
  }

  /**
   * The config key of a watched node.
   *
   * @throws IllegalArgumentException if {@code path} is not a node directly under {@link
   *     #CONFIG_ROOT}
   */
  static String key(String path) {
    String prefix = CONFIG_ROOT + "/";
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length()) >= 0) {
      throw new IllegalArgumentException(
          "watched path '" + path + "' must be a node directly under " + CONFIG_ROOT);
    }
    return path.substring(prefix.length());
  }

  /**
   * Creates {@code path} with {@code initial} as its value, and {@link #CONFIG_ROOT} first if it is
   * missing.
   *
   * @throws KeeperException if ZooKeeper fails or {@code path} exists
   * @throws InterruptedException if interrupted
   */
  static void create(ZooKeeper zk, String path, Payload initial)
      throws KeeperException, InterruptedException {
    try {
      zk.create(CONFIG_ROOT, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    } catch (KeeperException.NodeExistsException fine) {
      // Another key made it.
    }
    zk.create(path, initial.toBytes(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
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
