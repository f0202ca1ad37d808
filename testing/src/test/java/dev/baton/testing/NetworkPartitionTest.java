package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryForever;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NetworkPartitionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void anIsolatedClientsSessionExpiresOnTheServerWhileOthersCarryOn() throws Exception {
    NetworkPartition partition = zk.partition();
    CuratorFramework isolated =
        zk.connect(
            cs -> {
              CuratorFramework c =
                  CuratorFrameworkFactory.builder()
                      .connectString(partition.connectString())
                      .sessionTimeoutMs((int) zk.sessionTimeout().toMillis())
                      .connectionTimeoutMs(1000)
                      .retryPolicy(new RetryForever(50))
                      .build();
              c.start();
              return c;
            });
    assertTrue(isolated.blockUntilConnected(20, TimeUnit.SECONDS));
    long session = isolated.getZookeeperClient().getZooKeeper().getSessionId();
    isolated.create().withMode(CreateMode.EPHEMERAL).forPath("/isolated");
    CuratorFramework observer = zk.newCurator();
    assertTrue(observer.blockUntilConnected(20, TimeUnit.SECONDS));
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    isolated.getConnectionStateListenable().addListener((c, s) -> states.add(s));

    partition.isolate();

    assertTrue(partition.isIsolated());
    Await.until(
        WAIT,
        () -> {
          try {
            return observer.checkExists().forPath("/isolated") == null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        "the isolated session's ephemeral node deleted by the server");
    assertTrue(states.contains(ConnectionState.SUSPENDED), "isolated client suspended: " + states);

    partition.heal();
    Await.until(
        WAIT, () -> states.contains(ConnectionState.RECONNECTED), "reconnected with a new session");
    assertTrue(states.contains(ConnectionState.LOST), "LOST before the new session: " + states);
    assertNotEquals(session, isolated.getZookeeperClient().getZooKeeper().getSessionId());
    assertNull(isolated.checkExists().forPath("/isolated"));
    assertNotNull(observer.checkExists().forPath("/"));
    assertEquals(1, zk.size());
  }

  @Test
  void ensemblesHaveNoPartitionRelay() {
    ZooKeeperExtension ensemble = ZooKeeperExtension.ensemble(3);
    assertThrows(UnsupportedOperationException.class, ensemble::partition);
  }
}
