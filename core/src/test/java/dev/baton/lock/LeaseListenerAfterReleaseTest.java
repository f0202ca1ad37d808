package dev.baton.lock;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A released lease never reports a loss, so it must not keep listeners added after release. */
class LeaseListenerAfterReleaseTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void aListenerAddedAfterReleaseIsNotKept() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "test/listener-after-release");
    LockLease lease = coord.lock("released").acquire(TestCoordinators.WAIT);
    lease.close();
    WeakReference<LeaseListener> listener = addAndForget(lease);
    Await.until(
        Duration.ofSeconds(10),
        () -> {
          System.gc();
          return listener.get() == null;
        },
        "the released lease let go of a listener added after its release");
    coord.close();
  }

  private static WeakReference<LeaseListener> addAndForget(LockLease lease) {
    // An object of its own (a lambda without captures would be one shared, never collected).
    LeaseListener listener =
        new LeaseListener() {
          @Override
          public void onLost(LockLease lost) {}
        };
    lease.addListener(listener);
    return new WeakReference<>(listener);
  }
}
