package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.codec.Codecs;
import dev.baton.lock.LockLease;
import dev.baton.registry.Registration;
import dev.baton.registry.ServiceInstance;
import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Closing a coordinator while ZooKeeper cannot be reached must not hang: its leases' and
 * registration's deletes go to the background and the session takes the nodes with it; its
 * watchers' watch removals do not wait for the server either. Before, each release sat 40 s and
 * more in Curator's retry loop, one after the other.
 *
 * <p>The bound asserted, two seconds for a coordinator with five leases and a registration, is the
 * issue's acceptance criterion: a functional bound (close returns instead of hanging), not a speed
 * claim. {@link Coordinator#close()} documents how it is made up.
 */
class CloseDuringPartitionTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration CLOSE_BOUND = Duration.ofSeconds(2);
  private static final int LEASES = 5;

  @Test
  void closeReturnsWithinTheBoundWhileConnectionsAreRefused() throws Exception {
    closeDuringPartition("refused", NetworkPartition::isolate);
  }

  @Test
  void closeReturnsWithinTheBoundDuringASilentPartition() throws Exception {
    closeDuringPartition("silent", NetworkPartition::silence);
  }

  private void closeDuringPartition(String name, Consumer<NetworkPartition> cut) throws Exception {
    NetworkPartition partition = zk.partition();
    Coordinator cutOff =
        TestCoordinators.connectVia(zk, partition.connectString(), "test/close-" + name);
    Coordinator observer = TestCoordinators.connect(zk, "test/close-" + name);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < LEASES; i++) {
      LockLease lease = cutOff.lock("lock-" + i).acquire(TestCoordinators.WAIT);
      nodes.add(lease.path());
    }
    Registration registration =
        cutOff
            .registry()
            .register(ServiceInstance.builder("svc").id("cut-off").host("h").port(1).build());
    nodes.add(registration.path());
    // Watchers too: their close removes server watches, which must not wait for the server either.
    cutOff.config("watched", Codecs.ofInt()).defaultValue(0).watch();
    cutOff.configGroup("watched");
    cutOff.registry().watch("svc");
    for (String node : nodes) {
      assertTrue(exists(observer, node), node + " before the cut");
    }

    cut.accept(partition);
    CompletableFuture<Void> closed = CompletableFuture.runAsync(cutOff::close);
    try {
      closed.get(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      partition.heal(); // let the hung close finish, so the test leaves nothing running
      closed.get(2, TimeUnit.MINUTES);
      throw new AssertionError("close did not return within " + CLOSE_BOUND + " (" + name + ")");
    }

    // Nothing was deleted through the cut: the server removes the nodes when the session expires.
    Await.until(
        TestCoordinators.WAIT,
        () -> nodes.stream().noneMatch(n -> exists(observer, n)),
        "every node of the cut-off coordinator gone with its session");
    partition.heal();
    assertEquals(
        List.of(),
        nodes.stream().filter(n -> exists(observer, n)).toList(),
        "nothing came back after the heal");
  }

  private static boolean exists(Coordinator coord, String path) {
    try {
      return coord.curator().checkExists().forPath(path) != null;
    } catch (Exception e) {
      throw new IllegalStateException("cannot check " + path, e);
    }
  }
}
