package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guide's log-shipping agent: TAILDIR on the log file a ZooKeeper server writes, with the
 * agent's config kept in that same ZooKeeper by the provider. The server runs in its own JVM, as a
 * deployed one does, so that it writes its log to a file of its own.
 */
class LogShippingAgentTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void shipsTheZooKeeperServersOwnLog() throws Exception {
    int port = freePort();
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                "org.apache.zookeeper.server.ZooKeeperServerMain",
                Integer.toString(port),
                Files.createDirectories(dir.resolve("data")).toString(),
                "200")
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve("zookeeper.log").toFile())
            .start();
    FlumeCoordinatorSettings settings =
        new FlumeCoordinatorSettings("127.0.0.1:" + port, "ops", Duration.ofSeconds(3));
    try (Coordinator admin = settings.toBuilder().build()) {
      assertTrue(admin.awaitConnected(WAIT), "the forked ZooKeeper server is up");
      admin
          .configs()
          .put(
              "flume/agents/zklogs",
              Codecs.ofString(),
              String.join(
                  "\n",
                  "zklogs.sources = tail",
                  "zklogs.channels = c1",
                  "zklogs.sinks = out",
                  "zklogs.sources.tail.type = TAILDIR",
                  "zklogs.sources.tail.filegroups = server",
                  "zklogs.sources.tail.filegroups.server = "
                      + logs.toString().replace(File.separatorChar, '/')
                      + "/zookeeper.*\\\\.log",
                  "zklogs.sources.tail.positionFile = " + dir.resolve("taildir.json"),
                  "zklogs.sources.tail.headers.server.log = zookeeper",
                  "zklogs.sources.tail.channels = c1",
                  "zklogs.channels.c1.type = memory",
                  "zklogs.sinks.out.type = " + CollectingSink.class.getName(),
                  "zklogs.sinks.out.collector = zklogs",
                  "zklogs.sinks.out.channel = c1",
                  ""));
      try (TestAgent agent =
          TestAgent.start("zklogs", settings, dir.resolve("zklogs.properties"), WAIT)) {
        Await.until(
            WAIT,
            () ->
                Collector.named("zklogs").events().stream()
                    .filter((Event e) -> "zookeeper".equals(e.getHeaders().get("log")))
                    .map(e -> new String(e.getBody(), StandardCharsets.UTF_8))
                    .anyMatch(line -> line.contains("org.apache.zookeeper.server")),
            "a line of the server's own log arrives at the sink");
      }
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
  }
}
