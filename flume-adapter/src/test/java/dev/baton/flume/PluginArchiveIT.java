package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin archive in a Flume install: the launcher runs in its own JVM with Flume 1.11.0's own
 * Curator 5.1.0, ZooKeeper 3.6.2 and Guava 11.0.2 first on the classpath and the archive last, the
 * order {@code bin/flume-ng} uses. Without relocation Baton would run on Flume's old Curator and
 * Guava and fail.
 */
class PluginArchiveIT {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  /** This test's classpath entries that a Flume install's lib/ holds too (Flume and its deps). */
  private static boolean flumeLib(String entry) {
    String e = entry.replace('\\', '/');
    return e.endsWith(".jar")
        && e.contains("/.m2/repository/")
        && Stream.of(
                "/org/apache/curator/",
                "/org/apache/zookeeper/",
                "/com/google/guava/",
                "/org/junit/",
                "/org/opentest4j/",
                "/org/apiguardian/",
                "4.1.130.Final")
            .noneMatch(e::contains);
  }

  private static long lines(Path out) {
    try (Stream<Path> files = Files.list(out)) {
      return files
          .mapToLong(
              f -> {
                try {
                  return Files.readAllLines(f, StandardCharsets.UTF_8).size();
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
              })
          .sum();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Test
  void launcherRunsFromThePluginArchiveBehindFlumesOwnLibraries() throws Exception {
    Path archive = Path.of(System.getProperty("baton.plugin.jar"));
    Path plugin = Files.createDirectories(dir.resolve("plugins.d/baton/lib"));
    Files.copy(archive, plugin.resolve(archive.getFileName()));
    List<String> cp = new ArrayList<>();
    try (Stream<Path> old = Files.list(Path.of(System.getProperty("baton.flume.lib")))) {
      old.map(Path::toString).sorted().forEach(cp::add);
    }
    String testPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : testPath.split(File.pathSeparator)) {
      if (flumeLib(entry)) {
        cp.add(entry);
      }
    }
    cp.add(plugin.resolve(archive.getFileName()).toString());

    Path out = Files.createDirectories(dir.resolve("out"));
    Coordinator admin =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("plugin").build());
    admin
        .configs()
        .put(
            "flume/agents/a1",
            Codecs.ofString(),
            String.join(
                "\n",
                "a1.sources = r1",
                "a1.channels = c1",
                "a1.sinks = k1",
                "a1.sources.r1.type = seq",
                "a1.sources.r1.totalEvents = 25",
                "a1.sources.r1.channels = c1",
                "a1.channels.c1.type = memory",
                "a1.sinks.k1.type = file_roll",
                "a1.sinks.k1.sink.directory = " + out,
                "a1.sinks.k1.sink.rollInterval = 0",
                "a1.sinks.k1.channel = c1",
                ""));
    Path log = dir.resolve("agent.log");
    Process agent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                String.join(File.pathSeparator, cp),
                BatonAgent.class.getName(),
                "-n",
                "a1",
                "-z",
                zk.connectString(),
                "-p",
                "plugin",
                "-b",
                dir.toString(),
                "--session-timeout",
                "3000")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      try {
        Await.until(
            WAIT, () -> lines(out) == 25 || !agent.isAlive(), "the forked agent writes 25 events");
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; its log:\n" + Files.readString(log), e);
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      assertTrue(lines(out) == 25, text);
      assertTrue(text.contains("applying config version a0"), text);
      assertTrue(Files.exists(dir.resolve("a1.properties")), "backup written");
    } finally {
      agent.destroy();
      if (!agent.waitFor(30, TimeUnit.SECONDS)) {
        agent.destroyForcibly();
      }
    }
  }
}
