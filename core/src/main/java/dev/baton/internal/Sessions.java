package dev.baton.internal;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

/**
 * Facts about a client's ZooKeeper session, read from the ZooKeeper handle itself rather than from
 * connection events, which reach recipes late (one shared thread, which any listener can hold up).
 */
public final class Sessions {
  private Sessions() {}

  /**
   * Whether {@code client} is connected to a member that is part of the quorum: connected, and not
   * read-only. What a read-only member lists may be long gone on the ensemble.
   *
   * @param client the client
   * @return {@code true} if connected and writable
   */
  public static boolean writable(CuratorFramework client) {
    return state(client) == ZooKeeper.States.CONNECTED;
  }

  /**
   * The client's live session.
   *
   * @param client the client
   * @return the session id, or 0 while not connected
   */
  public static long live(CuratorFramework client) {
    ZooKeeper.States state = state(client);
    return state != null && state.isConnected() ? current(client) : 0;
  }

  /**
   * The session of the client's current handle, connected or not: a new one once the old has
   * expired and the handle was replaced.
   *
   * @param client the client
   * @return the session id, or 0 before the first connection
   */
  public static long current(CuratorFramework client) {
    try {
      return client.getZookeeperClient().getZooKeeper().getSessionId();
    } catch (Exception e) {
      return 0;
    }
  }

  /**
   * The state of the client's ZooKeeper handle.
   *
   * @param client the client
   * @return the state, or {@code null} if there is no handle yet
   */
  public static ZooKeeper.@Nullable States state(CuratorFramework client) {
    try {
      return client.getZookeeperClient().getZooKeeper().getState();
    } catch (Exception e) {
      return null;
    }
  }
}
