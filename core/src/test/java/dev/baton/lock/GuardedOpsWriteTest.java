package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.CoordinationException;
import dev.baton.Coordinator;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guarded writes with Baton's own operations ({@link GuardedOp}), no Curator code: they land
 * together while the lease holds, and after it is lost they are refused with nothing written, not
 * even the parents a create would have made. The refusal names the lease's path once.
 */
class GuardedOpsWriteTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final byte[] ORIGINAL = bytes("original");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<GuardedOp> createAndSet(String dir, String value) {
    return List.of(
        GuardedOp.create(dir + "/commits/2026-11-29/part-0000", bytes(value)),
        GuardedOp.setData(dir + "/latest", bytes(value)));
  }

  @Test
  void aGuardedCreateWithParentsAndAGuardedSetDataLandTogether() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/guarded-ops");
    coord.curator().create().creatingParentsIfNeeded().forPath("/ok/latest", ORIGINAL);
    try (LockLease lease = coord.lock("ops-ok").acquire(TestCoordinators.WAIT)) {
      List<GuardedOp.Result> results = lease.guardedWrite(createAndSet("/ok", "part-0000"));
      assertEquals(
          List.of(
              new GuardedOp.Result(GuardedOp.Kind.CREATE, "/ok/commits/2026-11-29/part-0000", 0),
              new GuardedOp.Result(GuardedOp.Kind.SET_DATA, "/ok/latest", 1)),
          results);
      assertArrayEquals(
          bytes("part-0000"),
          coord.curator().getData().forPath("/ok/commits/2026-11-29/part-0000"));
      assertArrayEquals(bytes("part-0000"), coord.curator().getData().forPath("/ok/latest"));
      // A compare-and-set with the version the write returned, and one with a stale version.
      lease.guardedWrite(List.of(GuardedOp.setData("/ok/latest", bytes("cas"), 1)));
      CoordinationException stale =
          assertThrows(
              CoordinationException.class,
              () -> lease.guardedWrite(List.of(GuardedOp.setData("/ok/latest", bytes("x"), 1))));
      assertEquals("/ok/latest", stale.path(), stale.getMessage());
      assertArrayEquals(bytes("cas"), coord.curator().getData().forPath("/ok/latest"));
    }
  }

  @Test
  void afterTheSessionExpiredTheWriteIsRefusedAndNothingIsWritten() throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/guarded-ops");
    Coordinator other = TestCoordinators.connect(zk, "test/guarded-ops");
    other.curator().create().creatingParentsIfNeeded().forPath("/expired/latest", ORIGINAL);
    LockLease lease = holder.lock("ops-expired").acquire(TestCoordinators.WAIT);

    zk.expireSession(holder.curator());
    Await.until(TestCoordinators.WAIT, () -> !lease.isValid(), "the holder knows it lost");

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class, () -> lease.guardedWrite(createAndSet("/expired", "stale")));
    assertNothingWritten(other, "/expired");
    assertNamesThePathOnce(e, lease.path());
  }

  @Test
  void aRefusedCuratorTransactionNamesTheLeasesPathOnce() throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/guarded-ops");
    Coordinator other = TestCoordinators.connect(zk, "test/guarded-ops");
    other.curator().create().creatingParentsIfNeeded().forPath("/curator/latest", ORIGINAL);
    LockLease lease = holder.lock("ops-curator").acquire(TestCoordinators.WAIT);
    zk.expireSession(holder.curator());
    Await.until(TestCoordinators.WAIT, () -> !lease.isValid(), "the holder knows it lost");

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class,
            () ->
                lease.guardedTransaction(
                    List.of(
                        holder
                            .curator()
                            .transactionOp()
                            .setData()
                            .forPath("/curator/latest", bytes("stale")))));
    assertArrayEquals(ORIGINAL, other.curator().getData().forPath("/curator/latest"));
    assertNamesThePathOnce(e, lease.path());
  }

  @Test
  void aHolderThatDoesNotKnowItsNodeIsGoneIsRefusedByTheServerAndNothingIsWritten()
      throws Exception {
    Coordinator holder = TestCoordinators.connect(zk, "test/guarded-ops");
    Coordinator other = TestCoordinators.connect(zk, "test/guarded-ops");
    other.curator().create().creatingParentsIfNeeded().forPath("/gone/latest", ORIGINAL);
    LockLease lease = holder.lock("ops-gone").acquire(TestCoordinators.WAIT);
    // The lease's node vanishes behind the holder's back (as with an expiry it has not heard of).
    other.curator().delete().forPath(lease.path());

    LeaseLostException e =
        assertThrows(
            LeaseLostException.class, () -> lease.guardedWrite(createAndSet("/gone", "stale")));
    assertNothingWritten(other, "/gone");
    assertNamesThePathOnce(e, lease.path());
  }

  @Test
  void aLeadershipGuardsBatonOperationsToo() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/guarded-ops");
    try (LeaderElection election = coord.leaderElection("ops").start()) {
      Leadership leadership = election.awaitLeadership(TestCoordinators.WAIT).orElseThrow();
      leadership.guardedWrite(List.of(GuardedOp.create("/leader/epoch", bytes("1"))));
      assertArrayEquals(bytes("1"), coord.curator().getData().forPath("/leader/epoch"));
    }
  }

  @Test
  void badOperationsAreRefusedBeforeAnythingIsSent() throws Exception {
    IllegalArgumentException relative =
        assertThrows(
            IllegalArgumentException.class, () -> GuardedOp.create("relative/path", ORIGINAL));
    assertTrue(relative.getMessage().contains("relative/path"), relative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> GuardedOp.setData("/a", ORIGINAL, -1));
    NullPointerException noData =
        assertThrows(NullPointerException.class, () -> GuardedOp.create("/a", null));
    assertEquals("data", noData.getMessage());
    Coordinator coord = TestCoordinators.connect(zk, "test/guarded-ops");
    try (LockLease lease = coord.lock("ops-bad").acquire(TestCoordinators.WAIT)) {
      assertThrows(IllegalArgumentException.class, () -> lease.guardedWrite(List.of()));
      // A failing operation names its own path, and leaves the parents of an earlier create out.
      CoordinationException missing =
          assertThrows(
              CoordinationException.class,
              () ->
                  lease.guardedWrite(
                      List.of(
                          GuardedOp.create("/bad/new/node", ORIGINAL),
                          GuardedOp.setData("/bad/missing", ORIGINAL))));
      assertEquals("/bad/missing", missing.path(), missing.getMessage());
      assertNull(coord.curator().checkExists().forPath("/bad"));
    }
  }

  @Test
  void aGuardsPathIsTheLeasesRealProtectedModePath() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/guarded-ops");
    try (LockLease lease = coord.lock("hdfs-commit").acquire(TestCoordinators.WAIT)) {
      String path = lease.guard().guardPath();
      // The shape Guard.guardPath()'s javadoc shows.
      assertTrue(
          path.matches("/locks/hdfs-commit/_c_[0-9a-f-]{36}-lease-\\d{10}"), "guard path " + path);
    }
  }

  private static void assertNothingWritten(Coordinator reader, String dir) throws Exception {
    assertNull(reader.curator().checkExists().forPath(dir + "/commits"), "no parent was created");
    assertArrayEquals(ORIGINAL, reader.curator().getData().forPath(dir + "/latest"));
  }

  private static void assertNamesThePathOnce(LeaseLostException e, String leasePath) {
    String message = e.getMessage();
    int first = message.indexOf(leasePath);
    assertTrue(first >= 0, "names the lease's path: " + message);
    assertFalse(message.indexOf(leasePath, first + 1) >= 0, "names it only once: " + message);
  }
}
