package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ZooKeeperRelayTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private CuratorFramework viaRelay(ZooKeeperRelay relay) throws InterruptedException {
    CuratorFramework c =
        zk.connect(
            cs -> {
              CuratorFramework client =
                  CuratorFrameworkFactory.builder()
                      .connectString(relay.connectString())
                      .sessionTimeoutMs((int) zk.sessionTimeout().toMillis())
                      .connectionTimeoutMs(1000)
                      .retryPolicy(new RetryNTimes(0, 0)) // the test sees every connection loss
                      .build();
              client.start();
              return client;
            });
    assertTrue(c.blockUntilConnected(20, TimeUnit.SECONDS));
    return c;
  }

  /** A raw create: one request, opcode {@code create}, no retry. */
  private static void create(CuratorFramework client, String path) throws Exception {
    client
        .getZookeeperClient()
        .getZooKeeper()
        .create(path, new byte[] {7}, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  }

  @Test
  void theJavadocExample() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    CuratorFramework client =
        CuratorFrameworkFactory.newClient(relay.connectString(), new RetryNTimes(3, 100));
    client.start();
    zk.connect(cs -> client);
    client.create().forPath("/counter");
    relay.loseReplyTo(ZooDefs.OpCode.setData);
    client.setData().forPath("/counter", new byte[] {1});
    // The setData landed, its reply was lost, and Curator sent it again after the reconnect:
    // the node is at version 2.
    assertEquals(1, relay.faultsFired());
    assertEquals(2, zk.newCurator().checkExists().forPath("/counter").getVersion());
  }

  @Test
  void aLostReplyLeavesTheWriteDoneAndTheSessionAlive() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    CuratorFramework client = viaRelay(relay);
    long session = client.getZookeeperClient().getZooKeeper().getSessionId();
    relay.loseReplyTo(ZooDefs.OpCode.create);

    assertThrows(KeeperException.ConnectionLossException.class, () -> create(client, "/landed"));

    assertEquals(1, relay.faultsFired());
    CuratorFramework observer = zk.newCurator();
    assertArrayEquals(new byte[] {7}, observer.getData().forPath("/landed"));
    assertTrue(client.blockUntilConnected(20, TimeUnit.SECONDS));
    assertEquals(session, client.getZookeeperClient().getZooKeeper().getSessionId());
  }

  @Test
  void aDropAtARequestKeepsItFromTheServer() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    CuratorFramework client = viaRelay(relay);
    relay.dropAtRequest(ZooDefs.OpCode.create);

    assertThrows(KeeperException.ConnectionLossException.class, () -> create(client, "/never"));

    assertEquals(1, relay.faultsFired());
    CuratorFramework observer = zk.newCurator();
    assertEquals(null, observer.checkExists().forPath("/never"));
  }

  @Test
  void countsRequestsByOperationAndLetsClientsBackAfterADrop() throws Exception {
    ZooKeeperRelay relay = zk.relay();
    CuratorFramework client = viaRelay(relay);
    ZooKeeper raw = client.getZookeeperClient().getZooKeeper();
    raw.addWatch("/", event -> {}, AddWatchMode.PERSISTENT);
    long before = relay.requests(ZooDefs.OpCode.exists);
    client.checkExists().forPath("/a");
    client.checkExists().forPath("/b");
    assertEquals(before + 2, relay.requests(ZooDefs.OpCode.exists));
    assertEquals(1, relay.requests(ZooDefs.OpCode.exists, "/a"));
    assertEquals(0, relay.requests(ZooDefs.OpCode.exists, "/a/b"));
    assertEquals(1, relay.requests(ZooDefs.OpCode.addWatch));

    AtomicBoolean reconnected = new AtomicBoolean();
    client
        .getConnectionStateListenable()
        .addListener((c, s) -> reconnected.compareAndSet(false, s == ConnectionState.RECONNECTED));

    relay.dropConnections();

    Await.until(WAIT, reconnected::get, "reconnected through the relay");
    assertEquals(raw.getSessionId(), client.getZookeeperClient().getZooKeeper().getSessionId());
    assertThrows(IllegalArgumentException.class, () -> relay.requests(0));
  }
}
