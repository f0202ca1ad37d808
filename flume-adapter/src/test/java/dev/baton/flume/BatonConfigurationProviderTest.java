package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.ObjectName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BatonConfigurationProviderTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String KEY = "flume/agents/a1";

  @TempDir Path dir;

  /** A seq source feeding a memory channel drained by a collecting sink. */
  static String topology(String channel, String collector, int events) {
    return String.join(
        "\n",
        "a1.sources = r1",
        "a1.channels = " + channel,
        "a1.sinks = k1",
        "a1.sources.r1.type = seq",
        "a1.sources.r1.totalEvents = " + events,
        "a1.sources.r1.channels = " + channel,
        "a1.channels." + channel + ".type = memory",
        "a1.channels." + channel + ".capacity = 10000",
        "a1.sinks.k1.type = " + CollectingSink.class.getName(),
        "a1.sinks.k1.collector = " + collector,
        "a1.sinks.k1.channel = " + channel,
        "");
  }

  // Each test its own namespace: the server serves the whole class and versions count on.
  private String namespace;

  @BeforeEach
  void namespace(TestInfo test) {
    namespace = "flume-" + test.getTestMethod().orElseThrow().getName();
  }

  private FlumeCoordinatorSettings settings() {
    return new FlumeCoordinatorSettings(zk.connectString(), namespace, Duration.ofSeconds(3));
  }

  private Coordinator admin() {
    return zk.connect(cs -> settings().toBuilder().build());
  }

  private static void put(Coordinator admin, String text) {
    admin.configs().put(KEY, Codecs.ofString(), text);
  }

  private static long channelSize(String channel) {
    try {
      return (Long)
          ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new ObjectName("org.apache.flume.channel:type=" + channel), "ChannelSize");
    } catch (Exception e) {
      return -1;
    }
  }

  private static List<String> range(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.toList());
  }

  private static void awaitVersion(TestAgent agent, String version) {
    Await.until(
        WAIT,
        () -> agent.provider.appliedVersion().filter(version::equals).isPresent(),
        "agent applies config version " + version);
  }

  @Test
  void configChangeReloadsTheAgentAndKeepsTheChannelsEvents() {
    Coordinator admin = admin();
    Collector first = Collector.named("reload-first").hold(true);
    Collector second = Collector.named("reload-second");
    put(admin, topology("creload", "reload-first", 100));
    try (TestAgent agent = TestAgent.start("a1", settings(), null, WAIT)) {
      awaitVersion(agent, "a0");
      Await.until(WAIT, () -> channelSize("creload") == 100, "100 events wait in the channel");

      // A new topology on the same channel: another sink, another source tagging its events.
      String next =
          topology("creload", "reload-second", 50)
                  .replace("r1.totalEvents", "r1.interceptors = gen\na1.sources.r1.totalEvents")
              + "a1.sources.r1.interceptors.gen.type = static\n"
              + "a1.sources.r1.interceptors.gen.key = gen\n"
              + "a1.sources.r1.interceptors.gen.value = 2\n";
      put(admin, next);
      awaitVersion(agent, "a1");
      Await.until(WAIT, () -> second.size() == 150, "the new sink receives 150 events");
      assertEquals(range(100), second.bodies("gen", null), "the channel's events, none lost");
      assertEquals(range(50), second.bodies("gen", "2"), "the new source's events");
      assertEquals(0, first.size(), "the old sink took nothing");
      assertEquals(2, agent.posted.size());
    }
  }

  @Test
  void invalidConfigsAreRejectedAndTheRunningTopologyKeepsItsEvents() {
    Coordinator admin = admin();
    Collector held = Collector.named("invalid").hold(true);
    CoordinationCounter.get(); // registered with JMX on first use
    long rejectedBefore = TestAgent.batonCounter("ConfigsRejected");
    String good = topology("cinvalid", "invalid", 100);
    put(admin, good);
    try (TestAgent agent = TestAgent.start("a1", settings(), null, WAIT)) {
      awaitVersion(agent, "a0");
      Await.until(WAIT, () -> channelSize("cinvalid") == 100, "100 events wait in the channel");

      assertRejected(
          admin,
          agent,
          good.replace("r1.type = seq", "r1.type = nosuchsource"),
          1,
          "'a1.sources.r1.type' = 'nosuchsource' is an unknown source type");
      assertRejected(
          admin,
          agent,
          good.replace("r1.channels = cinvalid", "r1.channels = c9"),
          2,
          "source 'r1' references channel 'c9', which 'a1.channels' does not define");
      assertRejected(
          admin,
          agent,
          good.replace("k1.channel = cinvalid", "k1.channel ="),
          3,
          "'a1.sinks.k1.channel': Property value missing.");
      assertRejected(
          admin,
          agent,
          "a2.sources = r1\na2.sinks = k1\n",
          4,
          "no property starts with 'a1.': no components for this agent");
      admin.configs().put(KEY, RAW, new byte[] {(byte) 0xC3, (byte) 0x28, '=', '1'});
      Await.until(
          WAIT,
          () -> agent.provider.lastRejection().orElse("").contains("version 5 rejected (decode"),
          "non-properties bytes rejected");
      assertTrue(
          agent.provider.lastRejection().get().contains("not valid UTF-8"),
          agent.provider.lastRejection().get());

      assertEquals("a0", agent.provider.appliedVersion().get());
      assertEquals(1, agent.posted.size(), "no rejected config reached the agent");
      assertTrue(TestAgent.batonCounter("ConfigsRejected") >= rejectedBefore + 5, "counted");
      held.hold(false);
      Await.until(WAIT, () -> held.size() == 100, "the running sink drains the channel");
      assertEquals(range(100), held.bodies("gen", null), "no event lost");
    }
  }

  private static void assertRejected(
      Coordinator admin, TestAgent agent, String text, int version, String expected) {
    put(admin, text);
    Await.until(
        WAIT,
        () -> agent.provider.lastRejection().orElse("").contains("version a" + version + " "),
        "version " + version + " rejected");
    String message = agent.provider.lastRejection().get();
    assertTrue(message.contains(expected), message);
    assertTrue(message.contains(KEY), message);
  }

  @Test
  void startsFromTheBackupWhileZooKeeperIsDown() throws Exception {
    Coordinator admin = admin();
    Path backup = dir.resolve("a1.properties");
    put(admin, topology("cbackup", "backup-first", 10));
    try (TestAgent agent = TestAgent.start("a1", settings(), backup, WAIT)) {
      awaitVersion(agent, "a0");
      Await.until(WAIT, () -> Collector.named("backup-first").size() == 10, "10 events");
    }
    assertTrue(Files.readString(backup, StandardCharsets.UTF_8).contains("backup-first"));

    admin.close();
    zk.stop();
    try (TestAgent agent = TestAgent.start("a1", settings(), backup, Duration.ofMillis(500))) {
      awaitVersion(agent, "a0");
      Await.until(
          WAIT, () -> Collector.named("backup-first").size() == 20, "the backup's topology runs");
      assertEquals(1, agent.posted.size());
    } finally {
      zk.restart();
    }
  }

  @Test
  void agentKeyOverridesTheSharedKeyPropertyByProperty() {
    Coordinator admin = admin();
    admin
        .configs()
        .put(
            BatonConfigurationProvider.DEFAULT_SHARED_KEY,
            Codecs.ofString(),
            topology("cshared", "layer-shared", 5).replace("a1.", "*."));
    put(admin, "a1.sinks.k1.collector = layer-agent\n");
    try (TestAgent agent = TestAgent.start("a1", settings(), null, WAIT)) {
      awaitVersion(agent, "s0.a0");
      Await.until(WAIT, () -> Collector.named("layer-agent").size() == 5, "5 events");
      assertEquals(0, Collector.named("layer-shared").size());

      admin
          .configs()
          .put(
              BatonConfigurationProvider.DEFAULT_SHARED_KEY,
              Codecs.ofString(),
              topology("cshared", "layer-shared", 7).replace("a1.", "*."));
      awaitVersion(agent, "s1.a0");
      Await.until(WAIT, () -> Collector.named("layer-agent").size() == 12, "7 more events");
    }
  }

  private static final Codec<byte[]> RAW =
      new Codec<>() {
        @Override
        public byte[] encode(byte[] value) {
          return value.clone();
        }

        @Override
        public byte[] decode(byte[] bytes) {
          return bytes.clone();
        }

        @Override
        public String describe() {
          return "raw";
        }
      };
}
