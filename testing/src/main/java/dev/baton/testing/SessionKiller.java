package dev.baton.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Expires a session on an ensemble, where no single server's session tracker is at hand. */
final class SessionKiller {
  private static final Duration KILLER_CONNECT = Duration.ofSeconds(10);

  private SessionKiller() {}

  /**
   * A second handle joins the session with its id and password and closes it, which is a real
   * expiry (ephemeral nodes deleted) for the original client.
   */
  static void expire(String connectString, CuratorFramework client) throws Exception {
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    CountDownLatch connected = new CountDownLatch(1);
    Watcher watcher =
        event -> {
          if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
            connected.countDown();
          }
        };
    ZooKeeper killer =
        new ZooKeeper(
            connectString,
            zk.getSessionTimeout(),
            watcher,
            zk.getSessionId(),
            zk.getSessionPasswd());
    try {
      if (!connected.await(KILLER_CONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("could not join session to expire it");
      }
    } finally {
      killer.close();
    }
  }
}
