package dev.baton.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * The server or ensemble behind a {@link ZooKeeperExtension}, from its start to its stop: one per
 * test class or one per test, its data directory, the JVM-wide system properties it may change
 * (restored when it stops), and the members a test stopped or cut off, which are started again and
 * healed before the next test.
 */
final class ServerLifecycle {
  private final int members;
  private final int tickMs;
  private final @Nullable EnsembleOptions options;
  private @Nullable ServerHandle server;
  private @Nullable Path dataDir;
  private @Nullable Properties savedProperties;
  private boolean perClass;
  // Members a test stopped; only these are started again before the next test.
  private final Set<Integer> stopped = new ConcurrentSkipListSet<>();

  ServerLifecycle(int members, int tickMs, @Nullable EnsembleOptions options) {
    this.members = members;
    this.tickMs = tickMs;
    this.options = options;
  }

  /** An action on the running server that may fail with a checked exception. */
  interface Action {
    void run(ServerHandle server) throws Exception;
  }

  /** Starts the server for the whole test class. */
  void beforeAll() throws Exception {
    perClass = true;
    start();
  }

  /** Starts the server for one test, unless it serves the whole class. */
  void beforeEach() throws Exception {
    if (!perClass) {
      start();
    }
  }

  /** Undoes what a test left (a member cut off, members stopped), or stops a per-test server. */
  void afterEach() throws Exception {
    if (server instanceof RelayedEnsemble relayed) {
      relayed.heal();
    }
    if (server != null) {
      for (Integer i : stopped) {
        server.restart(i);
      }
    }
    stopped.clear();
    if (!perClass) {
      stop();
    }
  }

  /** {@return the number of members: 1 for standalone} */
  int size() {
    return members;
  }

  /**
   * Checks that the server is a standalone one.
   *
   * @throws UnsupportedOperationException with {@code message} if it is an ensemble
   */
  void requireStandalone(String message) {
    if (members != 1) {
      throw new UnsupportedOperationException(message);
    }
  }

  /** {@return the links of an ensemble made with options} */
  QuorumLinks quorumLinks() {
    if (options == null) {
      throw new UnsupportedOperationException(
          "quorumLinks() needs an ensemble made with ensemble(EnsembleOptions)");
    }
    return new QuorumLinks((RelayedEnsemble) require());
  }

  /** {@return the member {@code client} is connected to, or -1} */
  int connectedMember(CuratorFramework client) {
    try {
      return require().connectedMember(client);
    } catch (Exception e) {
      throw new IllegalStateException("cannot tell which member the client uses", e);
    }
  }

  /** Starts the server unless it runs; remembers the system properties to restore. */
  void start() throws Exception {
    if (server != null) {
      return;
    }
    savedProperties = (Properties) System.getProperties().clone();
    dataDir = Files.createTempDirectory("baton-test-zk-");
    server =
        options != null
            ? new RelayedEnsemble(dataDir, options)
            : members == 1
                ? new StandaloneServer(dataDir, tickMs)
                : new EnsembleServer(members, tickMs);
  }

  /** Stops the server, deletes its data and restores the system properties. */
  void stop() throws Exception {
    ServerHandle s = server;
    server = null;
    try {
      if (s != null) {
        s.close();
      }
    } finally {
      if (dataDir != null) {
        deleteRecursively(dataDir);
        dataDir = null;
      }
      restoreSystemProperties();
    }
  }

  /** Stops member {@code i} until the test restarts it, or until the next test. */
  void stopMember(int i) {
    run(s -> s.stop(i), "kill server " + i);
    stopped.add(i);
  }

  /** Starts member {@code i} again on its old ports and data. */
  void restartMember(int i) {
    run(s -> s.restart(i), "restart server " + i);
    stopped.remove(i);
  }

  /** {@return the running server} @throws IllegalStateException if none runs */
  ServerHandle require() {
    ServerHandle s = server;
    if (s == null) {
      throw new IllegalStateException(
          "ZooKeeper is not running: use the extension inside a test registered with"
              + " @RegisterExtension");
    }
    return s;
  }

  /**
   * Runs {@code action} on the running server; a checked failure becomes an {@link
   * IllegalStateException} that names {@code what}.
   */
  void run(Action action, String what) {
    ServerHandle s = require();
    try {
      action.run(s);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException(what + " failed: " + e, e);
    }
  }

  private void restoreSystemProperties() {
    Properties saved = savedProperties;
    savedProperties = null;
    if (saved == null) {
      return;
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (!saved.containsKey(name)) {
        System.clearProperty(name);
      }
    }
    saved.forEach((k, v) -> System.getProperties().put(k, v));
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Leftover temp files are harmless; the next run uses a new directory.
    }
  }
}
