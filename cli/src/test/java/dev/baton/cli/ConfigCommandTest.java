package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Cli.Result baton(String namespace, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--zk", zk.connectString(), "--namespace", namespace));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  @Test
  void setThenGetPrintsTheValueForHumansAndForMachines() {
    Cli.Result set = baton("cli/get", "config", "set", "etl/batch", "500", "--codec", "int");
    assertEquals(0, set.status(), set.toString());
    assertTrue(set.out().contains("etl/batch: stored version 0"), set.toString());

    Cli.Result human = baton("cli/get", "config", "get", "etl/batch", "--codec", "int");
    assertEquals(0, human.status(), human.toString());
    assertTrue(human.out().contains("etl/batch = 500"), human.toString());
    assertTrue(human.out().contains("version 0"), human.toString());

    Cli.Result json = baton("cli/get", "--json", "config", "get", "etl/batch", "--codec", "int");
    assertEquals(0, json.status(), json.toString());
    JsonNode doc = json.json();
    assertEquals("etl/batch", doc.get("key").asText());
    assertEquals(0, doc.get("version").asInt());
    assertTrue(doc.get("value").isInt(), json.toString());
    assertEquals(500, doc.get("value").asInt());
    assertTrue(doc.get("zxid").asLong() > 0);
  }

  @Test
  void valuesComeFromAFileAndParseWithTheirCodec(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("etl.json");
    Files.writeString(file, "{\"batchSize\": 7, \"sinks\": [\"hdfs\"]}");
    Cli.Result set =
        baton("cli/file", "config", "set", "etl", "--file", file.toString(), "--codec", "json");
    assertEquals(0, set.status(), set.toString());
    JsonNode doc = baton("cli/file", "config", "get", "etl", "--codec", "json", "--json").json();
    assertEquals(7, doc.get("value").get("batchSize").asInt());
    assertEquals("hdfs", doc.get("value").get("sinks").get(0).asText());

    Cli.Result bad = baton("cli/file", "config", "set", "size", "lots", "--codec", "int");
    assertEquals(1, bad.status(), bad.toString());
    assertTrue(bad.err().contains("size") && bad.err().contains("lots"), bad.toString());
    assertEquals(1, bad.err().strip().lines().count(), "one line, no stack trace: " + bad);
  }

  @Test
  void withoutValueOrFileSetReadsStandardInput() {
    java.io.InputStream original = System.in;
    Cli.Result set;
    try {
      System.setIn(
          new java.io.ByteArrayInputStream(
              "batch=500\nsink=hdfs\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      set = baton("cli/stdin", "config", "set", "etl", "--codec", "properties");
    } finally {
      System.setIn(original);
    }
    assertEquals(0, set.status(), set.toString());
    JsonNode value =
        baton("cli/stdin", "--json", "config", "get", "etl", "--codec", "properties")
            .json()
            .get("value");
    assertEquals("500", value.get("batch").asText(), value.toString());
    assertEquals("hdfs", value.get("sink").asText(), value.toString());
  }

  @Test
  void aMissingKeyIsNotFound() {
    Cli.Result r = baton("cli/missing", "config", "get", "nope");
    assertEquals(2, r.status(), r.toString());
    assertEquals("baton: config key nope: no value", r.err().strip());
    assertEquals(2, baton("cli/missing", "config", "delete", "nope").status());
    assertEquals(2, baton("cli/missing", "config", "history", "nope").status());
  }

  @Test
  void aFailedExpectVersionIsAConflictAndWritesNothing() {
    assertEquals(0, baton("cli/cas", "config", "set", "k", "a").status());
    Cli.Result stale = baton("cli/cas", "config", "set", "k", "b", "--expect-version", "5");
    assertEquals(3, stale.status(), stale.toString());
    assertTrue(stale.err().contains("expected version 5, found version 0"), stale.toString());
    assertEquals(
        "a", baton("cli/cas", "--json", "config", "get", "k").json().get("value").asText());

    Cli.Result fresh = baton("cli/cas", "config", "set", "k", "c", "--expect-version", "0");
    assertEquals(0, fresh.status(), fresh.toString());
    assertEquals(1, baton("cli/cas", "--json", "config", "get", "k").json().get("version").asInt());
  }

  @Test
  void historyListsNewestFirstAndRollbackRestoresAnOldValue() {
    for (String v : List.of("1s", "2s", "3s")) {
      assertEquals(
          0, baton("cli/hist", "config", "set", "flush", v, "--codec", "duration").status());
    }
    JsonNode history =
        baton("cli/hist", "--json", "config", "history", "flush", "--codec", "duration").json();
    JsonNode entries = history.get("history");
    assertEquals(3, entries.size(), history.toString());
    assertEquals(2, entries.get(0).get("version").asInt());
    assertEquals("PT3S", entries.get(0).get("value").asText());
    assertEquals("PT1S", entries.get(2).get("value").asText());

    Cli.Result back = baton("cli/hist", "config", "rollback", "flush", "0", "--codec", "duration");
    assertEquals(0, back.status(), back.toString());
    assertTrue(back.out().contains("flush: restored version 0 as version 3"), back.toString());
    Cli.Result unknown = baton("cli/hist", "config", "rollback", "flush", "42");
    assertEquals(2, unknown.status(), unknown.toString());
    assertTrue(unknown.err().contains("no version 42"), unknown.toString());
  }

  @Test
  void listShowsKeysWithValuesAndDeleteRemovesThem() {
    baton("cli/list", "config", "set", "etl/batch", "1");
    baton("cli/list", "config", "set", "etl/flush", "2");
    baton("cli/list", "config", "set", "other", "3");
    JsonNode all = baton("cli/list", "--json", "config", "list").json();
    assertEquals("[\"etl/batch\",\"etl/flush\",\"other\"]", all.get("keys").toString());
    Cli.Result etl = baton("cli/list", "config", "list", "etl");
    assertEquals("etl/batch\netl/flush", etl.out().strip(), etl.toString());

    assertEquals(0, baton("cli/list", "config", "delete", "other").status());
    JsonNode after = baton("cli/list", "--json", "config", "list").json();
    assertFalse(after.get("keys").toString().contains("other"), after.toString());
  }

  @Test
  void anUnreachableServerFailsWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    long start = System.nanoTime();
    Cli.Result r = Cli.run("--zk", "127.0.0.1:" + port, "--timeout", "1s", "config", "get", "k");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(4, r.status(), r.toString());
    assertTrue(r.err().contains("cannot connect to ZooKeeper at 127.0.0.1:" + port + " within 1s"));
    // Bounded by --timeout, not by Curator's retries: generous slack for a loaded machine.
    assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
  }

  @Test
  void aNodeOnlyItsCreatorMayReadIsRefusedWithoutCredentials() {
    ACLProvider creatorOnly =
        new ACLProvider() {
          @Override
          public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
          }

          @Override
          public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
          }
        };
    try (Coordinator owner =
        Coordinator.builder()
            .connectString(zk.connectString())
            .namespace("cli/acl")
            .digestAuth("owner", "secret")
            .aclProvider(creatorOnly)
            .build()) {
      owner.configs().put("secret", Codecs.ofString(), "s3cr3t");
    }
    Cli.Result refused = baton("cli/acl", "config", "get", "secret");
    assertEquals(5, refused.status(), refused.toString());
    assertTrue(refused.err().contains("secret"), refused.toString());
    Cli.Result allowed = baton("cli/acl", "--auth", "owner:secret", "config", "get", "secret");
    assertEquals(0, allowed.status(), allowed.toString());
    assertTrue(allowed.out().contains("secret = s3cr3t"), allowed.toString());
  }

  @Test
  void watchSeesThreeSuccessiveWritesInOrderAndEndsOnInterrupt() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger status = new AtomicInteger(-1);
    Thread watcher =
        new Thread(
            () ->
                status.set(
                    BatonCommand.run(
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        "--zk",
                        zk.connectString(),
                        "--namespace",
                        "cli/watch",
                        "--json",
                        "config",
                        "watch",
                        "level",
                        "--codec",
                        "int")),
            "cli-watch-test");
    watcher.start();
    try (Coordinator writer =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("cli/watch").build())) {
      Await.until(WAIT, () -> lines(out).size() == 1, "the watch prints the initial state");
      for (int i = 1; i <= 3; i++) {
        writer.configs().put("level", Codecs.ofInt(), i * 10);
        int expected = i + 1;
        Await.until(WAIT, () -> lines(out).size() == expected, "the watch prints write " + i);
      }
    } finally {
      watcher.interrupt();
      watcher.join(WAIT.toMillis());
    }
    assertFalse(watcher.isAlive(), "the watch ended on interrupt");
    assertEquals(0, status.get(), err.toString());
    List<String> lines = lines(out);
    assertFalse(Cli.parse(lines.get(0)).has("version"), "no value yet: " + lines.get(0));
    for (int i = 1; i <= 3; i++) {
      JsonNode change = Cli.parse(lines.get(i));
      assertEquals(i - 1, change.get("version").asInt(), lines.toString());
      assertEquals(i * 10, change.get("value").asInt(), lines.toString());
    }
  }

  private static List<String> lines(StringWriter out) {
    return out.toString().lines().filter(l -> !l.isBlank()).toList();
  }
}
