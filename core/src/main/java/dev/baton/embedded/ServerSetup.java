package dev.baton.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an {@link EmbeddedZooKeeper} sets up around its server: the {@code zoo.cfg} properties, the
 * loopback port and address, the data directory, and the JVM-global properties a start changes.
 */
final class ServerSetup {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

  private ServerSetup() {}

  static Properties config(
      Duration tickTime,
      int port,
      String bindAddress,
      Path dataDir,
      boolean forceSync,
      Map<String, String> extra) {
    Properties p = new Properties();
    p.setProperty("tickTime", Long.toString(tickTime.toMillis()));
    p.setProperty("clientPort", Integer.toString(port));
    p.setProperty("clientPortAddress", bindAddress);
    p.setProperty("dataDir", dataDir.resolve("data").toString());
    p.setProperty("maxClientCnxns", "0");
    p.setProperty("minSessionTimeout", Long.toString(tickTime.toMillis() * 2));
    p.setProperty("maxSessionTimeout", Long.toString(Math.max(60_000, tickTime.toMillis() * 20)));
    p.setProperty("admin.enableServer", "false");
    p.setProperty("forceSync", forceSync ? "yes" : "no");
    extra.forEach(p::setProperty);
    return p;
  }

  /** {@code dir}, created if missing, or a new temporary directory if {@code null}. */
  static Path dataDir(@Nullable Path dir) {
    try {
      if (dir == null) {
        dir = Files.createTempDirectory("baton-zk-");
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create ZooKeeper data directory " + dir, e);
    }
    return dir;
  }

  static String hostForClients() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  static void restoreSystemProperties(Properties before) {
    for (String name : System.getProperties().stringPropertyNames()) {
      if (!before.containsKey(name)) {
        System.clearProperty(name);
      }
    }
    before.forEach((k, v) -> System.getProperties().put(k, v));
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not delete embedded ZooKeeper data in {}", dir, e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port for embedded ZooKeeper", e);
    }
  }
}
