package dev.baton.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
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
  void aSilencedClientHearsNothingUntilItsOwnTimeoutAndItsSessionExpires() throws Exception {
    NetworkPartition partition = zk.partition();
    CuratorFramework silenced = throughRelay(partition);
    assertTrue(silenced.blockUntilConnected(20, TimeUnit.SECONDS));
    long session = silenced.getZookeeperClient().getZooKeeper().getSessionId();
    silenced.create().withMode(CreateMode.EPHEMERAL).forPath("/silenced");
    CuratorFramework observer = zk.newCurator();
    assertTrue(observer.blockUntilConnected(20, TimeUnit.SECONDS));
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    silenced.getConnectionStateListenable().addListener((c, s) -> states.add(s));

    partition.silence();

    assertTrue(partition.isIsolated());
    assertTrue(partition.isSilent());
    Await.until(
        WAIT,
        () -> {
          try {
            return observer.checkExists().forPath("/silenced") == null;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        "the silenced session's ephemeral node deleted by the server");
    Await.until(
        WAIT,
        () -> states.contains(ConnectionState.SUSPENDED),
        "the silenced client suspended by its own read timeout");

    partition.heal();
    Await.until(
        WAIT, () -> states.contains(ConnectionState.RECONNECTED), "reconnected with a new session");
    assertTrue(states.contains(ConnectionState.LOST), "LOST before the new session: " + states);
    assertNotEquals(session, silenced.getZookeeperClient().getZooKeeper().getSessionId());
    assertNull(silenced.checkExists().forPath("/silenced"));
  }

  @Test
  void aSilentCutHoldsBytesWithoutClosingAndHealDeliversThemInOrder() throws Exception {
    try (Echo echo = new Echo();
        NetworkPartition partition = new NetworkPartition(echo.hostPort());
        Socket open = connect(partition)) {
      assertEquals("a", roundTrip(open, "a"));

      partition.silence();
      send(open, "b");
      // A read that times out (rather than returning -1 or failing) shows the socket stays open
      // and nothing was forwarded. A bug that forwarded would answer in well under the timeout.
      assertThrows(SocketTimeoutException.class, () -> open.getInputStream().read());
      try (Socket late = connect(partition)) {
        send(late, "c");
        assertThrows(SocketTimeoutException.class, () -> late.getInputStream().read());

        partition.heal();

        assertEquals('b', open.getInputStream().read(), "held bytes delivered after heal");
        assertEquals(-1, readPatiently(late), "a black-holed connection is closed by heal");
      }
      assertEquals("d", roundTrip(open, "d"));
      try (Socket fresh = connect(partition)) {
        assertEquals("e", roundTrip(fresh, "e"));
      }
    }
  }

  @Test
  void isolatingASilentCutClosesItsConnections() throws Exception {
    try (Echo echo = new Echo();
        NetworkPartition partition = new NetworkPartition(echo.hostPort());
        Socket open = connect(partition)) {
      assertEquals("a", roundTrip(open, "a"));
      partition.silence();
      send(open, "b");

      partition.isolate();

      assertFalse(partition.isSilent());
      assertEquals(-1, readPatiently(open), "the held connection is closed");
    }
  }

  @Test
  void ensemblesHaveNoPartitionRelay() {
    ZooKeeperExtension ensemble = ZooKeeperExtension.ensemble(3);
    assertThrows(UnsupportedOperationException.class, ensemble::partition);
  }

  private static CuratorFramework throughRelay(NetworkPartition partition) {
    return zk.connect(
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
  }

  private static Socket connect(NetworkPartition partition) throws IOException {
    String cs = partition.connectString();
    int colon = cs.lastIndexOf(':');
    Socket s = new Socket(cs.substring(0, colon), Integer.parseInt(cs.substring(colon + 1)));
    s.setSoTimeout(500);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  private static String roundTrip(Socket s, String text) throws IOException {
    send(s, text);
    s.setSoTimeout((int) WAIT.toMillis());
    byte[] back = s.getInputStream().readNBytes(text.length());
    s.setSoTimeout(500);
    return new String(back, StandardCharsets.US_ASCII);
  }

  private static int readPatiently(Socket s) throws IOException {
    s.setSoTimeout((int) WAIT.toMillis());
    try {
      return s.getInputStream().read();
    } catch (SocketException e) {
      return -1; // reset by the relay's close: closed all the same
    }
  }

  /** A loopback echo server standing in for ZooKeeper, so the relay's bytes can be observed. */
  private static final class Echo implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    Echo() throws IOException {
      Thread t = new Thread(this::serve, "baton-test-echo");
      t.setDaemon(true);
      t.start();
    }

    String hostPort() {
      return InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          accepted.add(s);
          Thread t =
              new Thread(
                  () -> {
                    try (s) {
                      s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                      // The relay or the test closed it.
                    }
                  },
                  "baton-test-echo-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
