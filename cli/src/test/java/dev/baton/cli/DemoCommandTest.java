package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoPlaysEveryActOnAnEmbeddedServer() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    int status;
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      status = BatonCommand.run("demo");
    } finally {
      System.setOut(original);
    }
    String output = buffer.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, output);
    assertTrue(output.contains("embedded ZooKeeper serving on"), output);
    assertTrue(output.contains("session 0x"), output);
    assertTrue(output.contains("0 failed"), output);
    assertTrue(output.contains("write -> listener latency"), output);
    assertTrue(output.contains("rejected (validation"), output);
    assertTrue(output.contains("took over with epoch"), output);
    assertTrue(output.contains("REFUSED"), output);
  }
}
