package dev.baton.config;

import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Lists the keys that hold a value, for {@link ConfigStore#keys()}. A node under {@link
 * Layout#CONFIG} with no data is only a parent of hierarchical keys (or a deleted value), never a
 * key of its own, which is the rule {@link ConfigStore#get} applies too.
 */
final class KeyListing {
  private KeyListing() {}

  static List<String> keys(CuratorFramework client) {
    List<String> keys = new ArrayList<>();
    try {
      walk(client, "", keys);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw ZkErrors.translate(Layout.CONFIG, "list keys", e);
    }
    keys.sort(null);
    return List.copyOf(keys);
  }

  private static void walk(CuratorFramework client, String key, List<String> keys)
      throws Exception {
    String path = key.isEmpty() ? Layout.CONFIG : Layout.valuePath(key);
    if (!key.isEmpty()) {
      Stat stat = client.checkExists().forPath(path);
      if (stat == null) {
        return; // deleted between listing its parent and reading it
      }
      if (stat.getDataLength() > 0) {
        keys.add(key);
      }
      if (stat.getNumChildren() == 0) {
        return;
      }
    }
    List<String> children;
    try {
      children = client.getChildren().forPath(path);
    } catch (KeeperException.NoNodeException e) {
      if (key.isEmpty()) {
        throw e;
      }
      return;
    }
    for (String child : children) {
      walk(client, key.isEmpty() ? child : key + "/" + child, keys);
    }
  }
}
