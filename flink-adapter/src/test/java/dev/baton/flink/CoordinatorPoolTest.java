package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.ZooKeeperExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CoordinatorPoolTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static Configuration settings(String namespace) {
    Configuration c = new Configuration();
    c.set(BatonOptions.CONNECT, zk.connectString());
    c.set(BatonOptions.NAMESPACE, namespace);
    return c;
  }

  @Test
  void oneCoordinatorPerClassloaderAndSettingsClosedWithTheLastReference() throws Exception {
    List<Runnable> hooks = new ArrayList<>();
    try (URLClassLoader job1 = new URLClassLoader(new URL[0]);
        URLClassLoader job2 = new URLClassLoader(new URL[0])) {
      SharedCoordinator a = CoordinatorPool.acquire(job1, settings("p"), hooks::add);
      SharedCoordinator b = CoordinatorPool.acquire(job1, settings("p"), hooks::add);
      SharedCoordinator other = CoordinatorPool.acquire(job2, settings("p"), hooks::add);
      assertSame(a.coordinator(), b.coordinator(), "same classloader and settings: shared");
      assertNotSame(a.coordinator(), other.coordinator(), "another job's classloader: its own");
      assertEquals(2, CoordinatorPool.size());

      a.close();
      a.close(); // idempotent: does not release b's reference
      assertFalse(b.coordinator().isClosed());
      b.close();
      assertEquals(1, CoordinatorPool.size(), "job1's coordinator closed with its last reference");
      other.close();
      assertEquals(0, CoordinatorPool.size());
    }
  }

  @Test
  void theClassloaderReleaseHookClosesWhatTasksDidNotRelease() throws Exception {
    List<Runnable> hooks = new ArrayList<>();
    try (URLClassLoader job = new URLClassLoader(new URL[0])) {
      SharedCoordinator leaked = CoordinatorPool.acquire(job, settings("q"), hooks::add);
      var coordinator = leaked.coordinator();
      assertFalse(hooks.isEmpty(), "a release hook was registered");
      hooks.forEach(Runnable::run); // Flink releases the job's classloader
      assertTrue(coordinator.isClosed(), "closed by the hook despite the open reference");
      assertEquals(0, CoordinatorPool.size());
      leaked.close(); // a late release after the hook is harmless
    }
  }
}
