package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.AclMode;
import dev.baton.Coordinator;
import dev.baton.GuardedOp;
import dev.baton.TestCoordinators;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guarded writes of two digest identities in one namespace with {@link
 * AclMode#WORLD_READ_CREATOR_WRITE}: the second identity's writes must not be refused because the
 * first one made the shared place where guarded writes leave their markers.
 */
class GuardedWriteAclTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final String NAMESPACE = "test/guarded-acl";

  private static Coordinator as(String user) throws InterruptedException {
    Coordinator coord =
        zk.connect(
            cs ->
                Coordinator.builder()
                    .connectString(cs)
                    .namespace(NAMESPACE)
                    .sessionTimeout(zk.sessionTimeout())
                    .digestAuth(user, user + "-secret")
                    .acl(AclMode.WORLD_READ_CREATOR_WRITE)
                    .build());
    assertTrue(coord.awaitConnected(TestCoordinators.WAIT), user + " connected");
    return coord;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void twoIdentitiesEachWriteGuardedInOneNamespace() throws Exception {
    // The locks' shared parent has the same creator-only problem; that is not what this test is
    // about, so an open parent is made beforehand.
    TestCoordinators.connect(zk, NAMESPACE).curator().create().forPath("/locks");
    Coordinator alice = as("alice");
    Coordinator bob = as("bob");
    try (LockLease a = alice.lock("alice-commit").acquire(TestCoordinators.WAIT);
        LockLease b = bob.lock("bob-commit").acquire(TestCoordinators.WAIT)) {
      a.guardedWrite(List.of(GuardedOp.create("/alice/out", bytes("a1"))));
      List<GuardedOp.Result> results =
          b.guardedWrite(List.of(GuardedOp.create("/bob/out", bytes("b1"))));
      assertEquals(List.of(new GuardedOp.Result(GuardedOp.Kind.CREATE, "/bob/out", 0)), results);
      assertArrayEquals(bytes("b1"), bob.curator().getData().forPath("/bob/out"));
      // And again, both ways: each identity's markers come and go under the shared parent.
      b.guardedWrite(List.of(GuardedOp.setData("/bob/out", bytes("b2"))));
      a.guardedWrite(List.of(GuardedOp.setData("/alice/out", bytes("a2"))));
      assertArrayEquals(bytes("a2"), alice.curator().getData().forPath("/alice/out"));
      assertArrayEquals(bytes("b2"), bob.curator().getData().forPath("/bob/out"));
    }
  }
}
