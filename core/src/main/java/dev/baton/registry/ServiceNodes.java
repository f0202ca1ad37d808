package dev.baton.registry;

import dev.baton.internal.WatchUsers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ZooKeeper side of one view: the persistent recursive watch on {@code /services/<name>} and
 * the reads of its instance nodes.
 *
 * <p>The watch lives on the raw ZooKeeper handle, with namespaced paths: Curator 5.9's namespace
 * wrapper for added watches does not match the one it builds to remove them (removal fails with
 * NoWatcherException), and its events drop the zxid, which {@link ServiceViewImpl} needs.
 */
final class ServiceNodes {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceNodes.class);

  private final CuratorFramework curator;
  private final String name;
  private final String path;
  private final String childPrefix;
  private final String zkPath;
  private final String zkChildPrefix;
  private final Watcher watcher;

  ServiceNodes(CuratorFramework curator, String name, Watcher watcher) {
    this.curator = curator;
    this.name = name;
    this.path = Paths.service(name);
    this.childPrefix = path + "/";
    this.zkPath = ZKPaths.fixForNamespace(curator.getNamespace(), path);
    this.zkChildPrefix = zkPath + "/";
    this.watcher = watcher;
  }

  String path() {
    return path;
  }

  /** The watched path as the server knows it (namespace included). */
  String zkPath() {
    return zkPath;
  }

  /** The instance id an event is about, or null if it concerns no instance node. */
  @Nullable String instanceId(WatchedEvent event) {
    String p = event.getPath();
    if (p == null
        || event.getType() == Watcher.Event.EventType.None
        || !p.startsWith(zkChildPrefix)) {
      return null;
    }
    String id = p.substring(zkChildPrefix.length());
    return id.indexOf('/') >= 0 ? null : id;
  }

  /** Adds the watch (again: adding it twice is harmless) on the current session's handle. */
  void addWatch() throws Exception {
    handle().addWatch(zkPath, watcher, AddWatchMode.PERSISTENT_RECURSIVE);
  }

  /**
   * Removes the watch. ZooKeeper keeps one server-side watch per connection and path, whatever the
   * number of local watchers: removing one watcher only unhooks it locally. So the last view of a
   * service in a registry removes the server's watch too, earlier ones only their local watcher
   * (the registry's {@code WatchUsers} tells which, and keeps new views waiting meanwhile). Does
   * not wait for the server.
   *
   * @return completes once the server's watch is removed, or the connection was found down
   */
  CompletableFuture<Void> removeWatch(boolean last) {
    ZooKeeper zk;
    try {
      zk = handle();
    } catch (Exception e) {
      LOG.debug("No ZooKeeper handle to remove the watch on {} with", path, e);
      return CompletableFuture.completedFuture(null);
    }
    if (last) {
      return WatchUsers.removeAll(zk, zkPath, Watcher.WatcherType.PersistentRecursive);
    }
    WatchUsers.removeOwn(zk, zkPath, watcher, Watcher.WatcherType.PersistentRecursive);
    return CompletableFuture.completedFuture(null);
  }

  /** Reads every instance node; a missing service is an empty one. */
  Map<String, ViewSnapshot.Entry> readAll() throws Exception {
    List<String> children;
    try {
      children = curator.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      children = List.of();
    }
    Map<String, ViewSnapshot.Entry> entries = new HashMap<>();
    for (String id : children) {
      ViewSnapshot.Entry entry = read(id);
      if (entry != null) {
        entries.put(id, entry);
      }
    }
    return entries;
  }

  /** Reads one instance node: null if it is gone, or if it is not a valid instance (logged). */
  ViewSnapshot.@Nullable Entry read(String id) throws Exception {
    Stat stat = new Stat();
    byte[] data;
    try {
      data = curator.getData().storingStatIn(stat).forPath(childPrefix + id);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
    try {
      return new ViewSnapshot.Entry(
          InstanceCodec.decode(name, id, data), stat.getCzxid(), stat.getMzxid());
    } catch (IllegalArgumentException e) {
      LOG.warn("View of {} ignores node {}: {}", path, id, e.getMessage());
      return null;
    }
  }

  private ZooKeeper handle() throws Exception {
    return curator.getZookeeperClient().getZooKeeper();
  }
}
