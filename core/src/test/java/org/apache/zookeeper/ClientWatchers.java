package org.apache.zookeeper;

import java.util.Map;
import java.util.Set;

/**
 * What a ZooKeeper client holds on its own side: the watcher objects registered per path. Lives in
 * ZooKeeper's package to reach its package-private watch manager, which is what the client calls on
 * every event (the server keeps one watch per path and session whatever the client holds).
 */
public final class ClientWatchers {
  private ClientWatchers() {}

  /**
   * The number of one-shot data watcher objects the client holds on the children of {@code dir}.
   *
   * @param zk the client
   * @param dir the full path of the parent, including any namespace
   * @return the count over all children, 0 if none
   */
  public static int dataWatchersUnder(ZooKeeper zk, String dir) {
    Map<String, Set<Watcher>> watches = zk.getWatchManager().getDataWatches();
    synchronized (watches) {
      int n = 0;
      for (Map.Entry<String, Set<Watcher>> e : watches.entrySet()) {
        if (e.getKey().startsWith(dir + "/")) {
          n += e.getValue().size();
        }
      }
      return n;
    }
  }
}
