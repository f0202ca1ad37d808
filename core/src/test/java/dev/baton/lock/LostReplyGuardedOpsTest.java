package dev.baton.lock;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.baton.Coordinator;
import dev.baton.GuardedOp;
import dev.baton.TestCoordinators;
import dev.baton.testing.ZooKeeperExtension;
import dev.baton.testing.ZooKeeperRelay;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A guarded write whose reply is lost after it committed (the relay forwards the {@code multi} and
 * closes the connection when the server answers; the session survives) reports the versions it
 * produced, as a write whose reply arrived does.
 */
class LostReplyGuardedOpsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final AtomicInteger TESTS = new AtomicInteger();

  private ZooKeeperRelay relay;
  private Coordinator writer; // through the relay
  private CuratorFramework direct;

  @BeforeEach
  void connect() throws Exception {
    String namespace = "lost-reply-ops-" + TESTS.incrementAndGet(); // a fresh tree per test
    relay = zk.relay();
    writer = TestCoordinators.connectVia(zk, relay.connectString(), namespace);
    direct = TestCoordinators.connect(zk, namespace).curator();
    direct.create().creatingParentsIfNeeded().forPath("/app/latest", bytes("v0"));
    direct.create().creatingParentsIfNeeded().forPath("/app/cas", bytes("v0"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aRecoveredGuardedWriteReportsTheVersionsItProduced() throws Exception {
    LockLease lease = writer.lock("ops-writer").acquire(WAIT);
    relay.loseReplyTo(ZooDefs.OpCode.multi);

    List<GuardedOp.Result> results =
        lease.guardedWrite(
            List.of(
                GuardedOp.create("/app/made", bytes("m")),
                GuardedOp.setData("/app/latest", bytes("v1")),
                GuardedOp.setData("/app/cas", bytes("v1"), 0)));

    assertEquals(1, relay.faultsFired(), "the reply to the write was lost");
    assertArrayEquals(bytes("v1"), direct.getData().forPath("/app/latest"));
    assertEquals(
        List.of(
            new GuardedOp.Result(GuardedOp.Kind.CREATE, "/app/made", 0),
            new GuardedOp.Result(GuardedOp.Kind.SET_DATA, "/app/latest", 1),
            new GuardedOp.Result(GuardedOp.Kind.SET_DATA, "/app/cas", 1)),
        results);
  }

  @Test
  void aRecoveredGuardedTransactionCarriesTheStatOfEachSetData() throws Exception {
    LockLease lease = writer.lock("tx-writer").acquire(WAIT);
    CuratorFramework client = writer.curator();
    relay.loseReplyTo(ZooDefs.OpCode.multi);

    List<CuratorTransactionResult> results =
        lease.guardedTransaction(
            List.of(client.transactionOp().setData().forPath("/app/latest", bytes("v1"))));

    assertEquals(1, relay.faultsFired(), "the reply to the write was lost");
    assertNotNull(results.get(0).getResultStat(), "the Stat after the write");
    assertEquals(1, results.get(0).getResultStat().getVersion());
  }
}
