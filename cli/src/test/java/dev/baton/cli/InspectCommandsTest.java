package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Coordinator;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.registry.InstanceStatus;
import dev.baton.registry.Registration;
import dev.baton.registry.ServiceInstance;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InspectCommandsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Cli.Result baton(String namespace, String... args) {
    List<String> all =
        new ArrayList<>(List.of("--zk", zk.connectString(), "--namespace", namespace));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private static Coordinator connect(String namespace) {
    return zk.connect(cs -> Coordinator.builder().connectString(cs).namespace(namespace).build());
  }

  @Test
  void statusShowsTheSessionAndTheServersMode() {
    Cli.Result human = baton("cli/status", "status");
    assertEquals(0, human.status(), human.toString());
    assertTrue(human.out().contains("session 0x"), human.toString());
    JsonNode doc = baton("cli/status", "status", "--json").json();
    assertEquals("CONNECTED", doc.get("state").asText(), doc.toString());
    assertTrue(doc.get("negotiatedTimeoutMs").asLong() > 0, doc.toString());
    JsonNode server = doc.get("servers").get(0);
    assertEquals("standalone", server.get("mode").asText(), doc.toString());
    assertTrue(server.get("version").asText().startsWith("3."), doc.toString());
  }

  @Test
  void servicesListAndShowTheRegisteredInstances() {
    try (Coordinator c = connect("cli/services");
        Registration r =
            c.registry()
                .register(
                    ServiceInstance.builder("collector")
                        .id("c-1")
                        .host("10.0.0.7")
                        .port(4141)
                        .putMetadata("zone", "eu-1")
                        .build())) {
      JsonNode list = baton("cli/services", "--json", "services", "list").json();
      assertEquals("collector", list.get("services").get(0).get("name").asText(), list.toString());
      assertEquals(1, list.get("services").get(0).get("up").asInt(), list.toString());

      Cli.Result show = baton("cli/services", "services", "show", "collector");
      assertEquals(0, show.status(), show.toString());
      assertTrue(show.out().contains("c-1") && show.out().contains("UP"), show.toString());
      JsonNode doc = baton("cli/services", "--json", "services", "show", "collector").json();
      JsonNode instance = doc.get("instances").get(0);
      assertEquals("c-1", instance.get("id").asText());
      assertEquals(InstanceStatus.UP.name(), instance.get("status").asText());
      assertEquals(4141, instance.get("port").asInt());
      assertEquals("eu-1", instance.get("metadata").get("zone").asText());
    }
    assertEquals(2, baton("cli/services", "services", "show", "nobody").status());
  }

  @Test
  void leaderShowNamesTheLeaderItsEpochAndTheParticipantsInOrder() throws Exception {
    try (Coordinator a = connect("cli/leader");
        Coordinator b = connect("cli/leader");
        LeaderElection first = a.leaderElection("compactor").participantId("first").start()) {
      Leadership leadership = first.awaitLeadership(WAIT).orElseThrow();
      try (LeaderElection second = b.leaderElection("compactor").participantId("second").start()) {
        assertTrue(second.awaitJoined(WAIT));
        JsonNode doc = baton("cli/leader", "--json", "leader", "show", "compactor").json();
        assertEquals("first", doc.get("leader").asText(), doc.toString());
        assertEquals(leadership.epoch(), doc.get("epoch").asLong(), doc.toString());
        JsonNode participants = doc.get("participants");
        assertEquals("first", participants.get(0).get("id").asText());
        assertEquals("second", participants.get(1).get("id").asText());
        assertTrue(participants.get(0).get("leader").asBoolean());

        Cli.Result human = baton("cli/leader", "leader", "show", "compactor");
        assertTrue(human.out().contains("leader first, epoch 0x"), human.toString());
      }
    }
    assertEquals(2, baton("cli/leader", "leader", "show", "nobody").status());
  }

  @Test
  void leaderWatchPrintsTheLeaderThenTheTakeover() throws Exception {
    try (Coordinator a = connect("cli/leader-watch");
        Coordinator b = connect("cli/leader-watch")) {
      LeaderElection first = a.leaderElection("etl").participantId("first").start();
      Leadership firstLeads = first.awaitLeadership(WAIT).orElseThrow();
      try (LeaderElection second = b.leaderElection("etl").participantId("second").start()) {
        assertTrue(second.awaitJoined(WAIT));
        Watch watch = Watch.start("cli/leader-watch", "leader", "watch", "etl", "--count", "1");
        Await.until(WAIT, () -> watch.lines().size() == 1, "the watch prints the leader");
        first.close();
        Leadership secondLeads = second.awaitLeadership(WAIT).orElseThrow();
        assertEquals(0, watch.finish(), watch.toString());
        List<String> lines = watch.lines();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("first", Cli.parse(lines.get(0)).get("leader").asText());
        assertEquals(firstLeads.epoch(), Cli.parse(lines.get(0)).get("epoch").asLong());
        assertEquals("second", Cli.parse(lines.get(1)).get("leader").asText());
        assertEquals(secondLeads.epoch(), Cli.parse(lines.get(1)).get("epoch").asLong());
      }
    }
  }

  @Test
  void servicesWatchPrintsTheInstancesThenEachChange() throws Exception {
    try (Coordinator c = connect("cli/services-watch")) {
      Watch watch =
          Watch.start("cli/services-watch", "services", "watch", "collector", "--count", "1");
      Await.until(WAIT, () -> watch.lines().size() == 1, "the watch prints the empty service");
      try (Registration r =
          c.registry()
              .register(ServiceInstance.builder("collector").id("c-9").host("h").port(1).build())) {
        assertEquals(0, watch.finish(), watch.toString());
        List<String> lines = watch.lines();
        assertEquals(0, Cli.parse(lines.get(0)).get("instances").size(), lines.toString());
        assertEquals(
            "c-9",
            Cli.parse(lines.get(1)).get("instances").get(0).get("id").asText(),
            lines.toString());
      }
    }
  }

  /** A {@code --json} watch running on its own thread. */
  private static final class Watch {
    private final java.io.StringWriter out = new java.io.StringWriter();
    private final java.io.StringWriter err = new java.io.StringWriter();
    private final java.util.concurrent.atomic.AtomicInteger status =
        new java.util.concurrent.atomic.AtomicInteger(-1);
    private Thread thread;

    static Watch start(String namespace, String... args) {
      Watch w = new Watch();
      List<String> all =
          new ArrayList<>(List.of("--zk", zk.connectString(), "--namespace", namespace, "--json"));
      all.addAll(List.of(args));
      w.thread =
          new Thread(
              () ->
                  w.status.set(
                      BatonCommand.run(
                          new java.io.PrintWriter(w.out, true),
                          new java.io.PrintWriter(w.err, true),
                          all.toArray(String[]::new))),
              "cli-watch-test");
      w.thread.start();
      return w;
    }

    List<String> lines() {
      return out.toString().lines().filter(l -> !l.isBlank()).toList();
    }

    int finish() throws InterruptedException {
      thread.join(WAIT.toMillis());
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(WAIT.toMillis());
        throw new AssertionError("the watch did not end by itself: " + this);
      }
      return status.get();
    }

    @Override
    public String toString() {
      return "out: " + out + " err: " + err;
    }
  }
}
