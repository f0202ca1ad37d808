package dev.baton.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded server in a JVM of its own ({@link EmbeddedChild}, forked on this test's classpath):
 * a coordinator that owns one and is never closed does not keep the JVM alive, and closing one logs
 * nothing at WARN or ERROR (nor "server died"), with one summary line of Baton's at INFO.
 */
class EmbeddedProcessTest {
  /** How long the child may take to start, connect and write: generous, the machine is shared. */
  private static final long START_SECONDS = 120;

  private Process child;

  @AfterEach
  void killChild() throws InterruptedException {
    if (child != null && child.isAlive()) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCoordinatorOwningAnEmbeddedServerAndNeverClosedLetsTheJvmExitWithin5Seconds(
      @TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    child = fork(dir, out, "leave-open", "warn");
    awaitLine(out, EmbeddedChild.RETURNING);
    // Measured from the end of main, so a slow start cannot make this fail.
    assertTrue(
        child.waitFor(5, TimeUnit.SECONDS),
        "the JVM still runs 5 s after main returned; output:\n" + Files.readString(out));
    assertEquals(0, child.exitValue(), Files.readString(out));
  }

  @Test
  void closingACoordinatorWithItsEmbeddedServerLogsNothingAtWarnOrError(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("out.txt");
    child = fork(dir, out, "close", "info");
    assertTrue(child.waitFor(START_SECONDS, TimeUnit.SECONDS), "child finished");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, child.exitValue(), String.join("\n", lines));
    List<String> bad = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("WARN") || line.contains("ERROR") || line.contains("server died")) {
        bad.add(line);
      }
    }
    assertEquals(List.of(), bad, "warnings or errors logged; whole output:\n" + lines);
    long batonInfo = lines.stream().filter(l -> l.contains(" INFO dev.baton.embedded.")).count();
    assertEquals(1, batonInfo, "one summary line of the embedded server at INFO:\n" + lines);
  }

  private static Process fork(Path dir, Path out, String mode, String level) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "-Djava.io.tmpdir=" + dir,
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=" + level,
            "-Dorg.slf4j.simpleLogger.showShortLogName=false",
            "-Dorg.slf4j.simpleLogger.showLogName=true",
            EmbeddedChild.class.getName(),
            mode);
    pb.redirectErrorStream(true);
    pb.redirectOutput(out.toFile());
    return pb.start();
  }

  private void awaitLine(Path out, String line) throws IOException {
    Await.until(
        Duration.ofSeconds(START_SECONDS),
        () -> contains(out, line) || !child.isAlive(),
        "the child printed '" + line + "'");
    assertTrue(contains(out, line), "child died early; output:\n" + Files.readString(out));
  }

  private static boolean contains(Path out, String line) {
    try {
      return Files.exists(out) && Files.readString(out).contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
