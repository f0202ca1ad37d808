package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import dev.baton.election.Leadership;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GuardedWriteTest {
  @RegisterExtension
  static dev.baton.testing.ZooKeeperExtension zk =
      dev.baton.testing.ZooKeeperExtension.standalone();

  private static final byte[] ORIGINAL = "original".getBytes(StandardCharsets.UTF_8);

  private static CuratorOp set(Coordinator coord, String path, String value) throws Exception {
    return coord
        .curator()
        .transactionOp()
        .setData()
        .forPath(path, value.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] read(Coordinator coord, String path) throws Exception {
    return coord.curator().getData().forPath(path);
  }

  @Test
  void validLeaseWritesAtomicallyWithItsGuard() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/locks");
    coord.curator().create().creatingParentsIfNeeded().forPath("/guarded/ok", ORIGINAL);
    try (LockLease lease = coord.lock("guard-ok").acquire(TestCoordinators.WAIT)) {
      assertEquals(lease.path(), lease.guard().guardPath());
      assertEquals(lease.fencingToken(), lease.guard().fencingToken());
      var results = lease.guardedTransaction(List.of(set(coord, "/guarded/ok", "new")));
      assertEquals(1, results.size());
      assertEquals("new", new String(read(coord, "/guarded/ok"), StandardCharsets.UTF_8));
      assertThrows(IllegalArgumentException.class, () -> lease.guardedTransaction(List.of()));
    }
  }

  @Test
  void leaseWhoseSessionExpiredCannotWriteAndChangesNothing() throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/locks");
    Coordinator observer = TestCoordinators.connect(zk, "test/locks");
    observer.curator().create().creatingParentsIfNeeded().forPath("/guarded/expired", ORIGINAL);
    LockLease lease = holder.lock("guard-expired").acquire(TestCoordinators.WAIT);

    zk.expireSession(holder.curator());

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class,
            () ->
                lease.guardedTransaction(
                    List.of(
                        set(holder, "/guarded/expired", "stale"),
                        holder.curator().transactionOp().create().forPath("/guarded/extra"))));
    assertTrue(e.getMessage().contains(lease.path()), e.getMessage());
    assertArrayEquals(ORIGINAL, read(observer, "/guarded/expired"));
    assertEquals(null, observer.curator().checkExists().forPath("/guarded/extra"));
    lease.close();
  }

  @Test
  void theServerRefusesALeaseWhoseNodeIsGoneEvenIfTheHolderDoesNotKnow() throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/locks");
    Coordinator admin = TestCoordinators.connect(zk, "test/locks");
    admin.curator().create().creatingParentsIfNeeded().forPath("/guarded/deleted", ORIGINAL);
    LockLease lease = holder.lock("guard-deleted").acquire(TestCoordinators.WAIT);
    admin.curator().delete().forPath(lease.path());
    assertTrue(lease.isValid(), "the holder has not heard (no watch on its own node)");

    assertThrows(
        LeaseLostException.class,
        () -> lease.guardedTransaction(List.of(set(holder, "/guarded/deleted", "stale"))));
    assertArrayEquals(ORIGINAL, read(admin, "/guarded/deleted"));
    lease.close();
  }

  @Test
  void leadershipWhoseSessionExpiredCannotWrite() throws Exception {
    Coordinator leader = TestCoordinators.connect(zk, "test/locks");
    Coordinator observer = TestCoordinators.connect(zk, "test/locks");
    observer.curator().create().creatingParentsIfNeeded().forPath("/guarded/leader", ORIGINAL);
    Leadership leadership =
        leader
            .leaderElection("guarded")
            .start()
            .awaitLeadership(TestCoordinators.WAIT)
            .orElseThrow();
    leadership.guardedTransaction(List.of(set(leader, "/guarded/leader", "mine")));
    assertEquals("mine", new String(read(observer, "/guarded/leader"), StandardCharsets.UTF_8));

    zk.expireSession(leader.curator());

    assertThrows(
        LeaseLostException.class,
        () -> leadership.guardedTransaction(List.of(set(leader, "/guarded/leader", "stale"))));
    assertEquals("mine", new String(read(observer, "/guarded/leader"), StandardCharsets.UTF_8));
  }
}
