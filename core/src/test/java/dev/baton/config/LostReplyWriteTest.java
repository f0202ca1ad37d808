package dev.baton.config;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import dev.baton.testing.ZooKeeperRelay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every config and guarded write whose reply is lost after it committed (the relay forwards the
 * {@code multi} and closes the connection when the server answers; the session survives) reports
 * what is stored, and lands exactly once.
 */
class LostReplyWriteTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Codec<Integer> INT = Codecs.ofInt();

  private ZooKeeperRelay relay;
  private Coordinator writer; // through the relay
  private ConfigStore observer; // direct

  @BeforeEach
  void connect() throws InterruptedException {
    relay = zk.relay();
    writer = TestCoordinators.connectVia(zk, relay.connectString(), "lost-reply");
    observer = TestCoordinators.connect(zk, "lost-reply").configs();
  }

  private Versioned<Integer> stored(String key) {
    return observer.get(key, INT).orElseThrow();
  }

  private int historySize(String key) {
    return observer.history(key, INT).size();
  }

  private void loseTheNextMultiReply() {
    relay.loseReplyTo(ZooDefs.OpCode.multi);
  }

  private void assertTheFaultFired() {
    assertEquals(1, relay.faultsFired(), "the reply to the write was lost");
  }

  @Test
  void updateAppliesItsFunctionOnce() {
    observer.put("counter", INT, 0);
    loseTheNextMultiReply();

    Versioned<Integer> result = writer.configs().update("counter", INT, n -> n + 1);

    assertTheFaultFired();
    assertEquals(1, stored("counter").value(), "incremented once");
    assertEquals(1, stored("counter").version());
    assertEquals(1, result.value());
    assertEquals(1, result.version());
    assertEquals(2, historySize("counter"));
  }

  @Test
  void putAddsOneVersionAndOneHistoryEntry() {
    observer.put("rate", INT, 10);
    loseTheNextMultiReply();

    Versioned<Integer> result = writer.configs().put("rate", INT, 11);

    assertTheFaultFired();
    assertEquals(11, stored("rate").value());
    assertEquals(1, stored("rate").version(), "one version added");
    assertEquals(1, result.version());
    assertEquals(stored("rate").mzxid(), result.mzxid());
    assertEquals(2, historySize("rate"), "one history entry added");
  }

  @Test
  void putAllWritesEveryKeyOnce() {
    observer.put("etl/a", INT, 1);
    observer.put("etl/b", INT, 1);
    loseTheNextMultiReply();

    Map<String, Versioned<?>> result =
        writer
            .configs()
            .putAll(List.of(ConfigEntry.of("etl/a", INT, 2), ConfigEntry.of("etl/b", INT, 2)));

    assertTheFaultFired();
    for (String key : List.of("etl/a", "etl/b")) {
      assertEquals(2, stored(key).value());
      assertEquals(1, stored(key).version(), key + ": one version added");
      assertEquals(1, result.get(key).version());
      assertEquals(2, historySize(key));
    }
  }

  @Test
  void compareAndSetReportsTheValueThatLanded() {
    observer.put("limit", INT, 5);
    loseTheNextMultiReply();

    boolean set = writer.configs().compareAndSet("limit", INT, 0, 6);

    assertTheFaultFired();
    assertTrue(set, "compareAndSet landed");
    assertEquals(6, stored("limit").value());
    assertEquals(1, stored("limit").version());
  }

  @Test
  void deleteReportsTheDeleteThatLanded() {
    observer.put("gone", INT, 1);
    loseTheNextMultiReply();

    boolean deleted = writer.configs().delete("gone");

    assertTheFaultFired();
    assertTrue(deleted, "the key was deleted by this call");
    assertEquals(Optional.empty(), observer.get("gone", INT));
  }

  @Test
  void aGuardedConfigPutReportsTheValueThatLanded() throws Exception {
    observer.put("guarded", INT, 1);
    LockLease lease = writer.lock("config-writer").acquire(WAIT);
    loseTheNextMultiReply();

    Versioned<Integer> result = writer.configs().put("guarded", INT, 2, lease.guard());

    assertTheFaultFired();
    assertEquals(2, stored("guarded").value());
    assertEquals(1, stored("guarded").version(), "one version added");
    assertEquals(1, result.version());
  }

  @Test
  void aGuardedTransactionReportsTheTransactionThatLanded() throws Exception {
    CuratorFramework direct = zk.newCurator();
    direct.create().creatingParentsIfNeeded().forPath("/lost-reply/app/counter", new byte[0]);
    LockLease lease = writer.lock("tx-writer").acquire(WAIT);
    CuratorFramework client = writer.curator();
    loseTheNextMultiReply();

    List<CuratorTransactionResult> results =
        lease.guardedTransaction(
            List.of(
                client.transactionOp().create().forPath("/app/made", new byte[] {1}),
                client.transactionOp().setData().forPath("/app/counter", new byte[] {1})));

    assertTheFaultFired();
    assertEquals(2, results.size());
    assertEquals("/app/made", results.get(0).getForPath());
    assertNotNull(direct.checkExists().forPath("/lost-reply/app/made"));
    Stat counter = direct.checkExists().forPath("/lost-reply/app/counter");
    assertEquals(1, counter.getVersion(), "the counter went up once");
  }

  @Test
  void aGuardedWriteIsNotSentAgainOnceItsLeaseIsLost() throws Exception {
    observer.put("fenced", INT, 1);
    LockLease lease = writer.lock("fenced-writer").acquire(WAIT);
    // The request never reaches the server; the connection drop ends the lease (SUSPENDED).
    relay.dropAtRequest(ZooDefs.OpCode.multi);

    assertThrows(
        LeaseLostException.class, () -> writer.configs().put("fenced", INT, 2, lease.guard()));

    assertTheFaultFired();
    assertFalse(lease.isValid());
    Await.until(WAIT, () -> writer.curator().getZookeeperClient().isConnected(), "reconnected");
    assertEquals(1, stored("fenced").value(), "nothing written after the lease was lost");
    assertEquals(0, stored("fenced").version());
  }
}
