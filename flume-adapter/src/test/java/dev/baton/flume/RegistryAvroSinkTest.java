package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.registry.ServiceView;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flume.Channel;
import org.apache.flume.Event;
import org.apache.flume.Transaction;
import org.apache.flume.node.Application;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryAvroSinkTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NS = "registry-sink";

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A collector: a real Avro source into a channel drained by a collecting sink. */
  private static TestAgent.Fixed collector(String name, int port) {
    Map<String, String> p = new TreeMap<>();
    p.put(name + ".sources", "r1");
    p.put(name + ".channels", "c" + name);
    p.put(name + ".sinks", "k1");
    p.put(name + ".sources.r1.type", "avro");
    p.put(name + ".sources.r1.bind", "127.0.0.1");
    p.put(name + ".sources.r1.port", Integer.toString(port));
    p.put(name + ".sources.r1.channels", "c" + name);
    p.put(name + ".channels.c" + name + ".type", "memory");
    p.put(name + ".sinks.k1.type", CollectingSink.class.getName());
    p.put(name + ".sinks.k1.collector", name);
    p.put(name + ".sinks.k1.channel", "c" + name);
    // Application reads the monitor service from system properties when it applies a config.
    System.setProperty("flume.monitoring.type", RegistryMonitorService.class.getName());
    System.setProperty("flume.monitoring.port", Integer.toString(port));
    System.setProperty("flume.monitoring.host", "127.0.0.1");
    System.setProperty("flume.monitoring.releaseDelayMs", "0");
    System.setProperty("flume.monitoring.baton.connect", zk.connectString());
    System.setProperty("flume.monitoring.baton.namespace", NS);
    try {
      return TestAgent.fixed(name, p);
    } finally {
      for (String k : System.getProperties().stringPropertyNames()) {
        if (k.startsWith("flume.monitoring.")) {
          System.clearProperty(k);
        }
      }
    }
  }

  /** The sender: a ticking source into a registry-driven Avro sink. */
  private static TestAgent.Fixed sender() {
    Map<String, String> p = new TreeMap<>();
    p.put("snd.sources", "r1");
    p.put("snd.channels", "csnd");
    p.put("snd.sinks", "k1");
    p.put("snd.sources.r1.type", TickSource.class.getName());
    p.put("snd.sources.r1.backoffSleepIncrement", "2");
    p.put("snd.sources.r1.maxBackoffSleep", "2");
    p.put("snd.sources.r1.channels", "csnd");
    p.put("snd.channels.csnd.type", "memory");
    p.put("snd.channels.csnd.capacity", "100000");
    p.put("snd.sinks.k1.type", RegistryAvroSink.class.getName());
    p.put("snd.sinks.k1.channel", "csnd");
    p.put("snd.sinks.k1.service", "collector");
    p.put("snd.sinks.k1.batch-size", "5");
    p.put("snd.sinks.k1.request-timeout", "5000");
    p.put("snd.sinks.k1.baton.connect", zk.connectString());
    p.put("snd.sinks.k1.baton.namespace", NS);
    return TestAgent.fixed("snd", p);
  }

  private static Set<Long> received(String... collectors) {
    Set<Long> out = new TreeSet<>();
    for (String c : collectors) {
      for (Event e : Collector.named(c).events()) {
        out.add(Long.parseLong(new String(e.getBody(), StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  /** Events a stopped collector accepted but its sink had not yet taken. */
  private static void drainInto(String name, Channel channel) {
    Transaction tx = channel.getTransaction();
    tx.begin();
    java.util.List<Event> left = new java.util.ArrayList<>();
    Event e;
    while ((e = channel.take()) != null) {
      left.add(e);
    }
    tx.commit();
    tx.close();
    Collector.named(name).addAll(left);
  }

  private Application sender;

  @AfterEach
  void stopSender() {
    if (sender != null) {
      sender.stop();
    }
  }

  @Test
  void trafficFollowsTheRegistryWithoutLosingEvents() throws Exception {
    Coordinator observer =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace(NS).build());
    ServiceView view = observer.registry().watch("collector");
    TestAgent.Fixed one = collector("one", freePort());
    TestAgent.Fixed two = collector("two", freePort());
    assertTrue(view.awaitInstances(2, WAIT), "both collectors registered");
    TestAgent.Fixed snd = sender();
    sender = snd.app();
    try (TestAgent.Fixed a = one) {
      Await.until(
          WAIT,
          () -> Collector.named("one").size() >= 20 && Collector.named("two").size() >= 20,
          "both collectors receive");
    }
    drainInto("one", one.conf().getChannels().get("cone"));
    int atStop = Collector.named("two").size();
    Await.until(WAIT, () -> Collector.named("two").size() >= atStop + 50, "traffic moves to two");

    TestAgent.Fixed three = collector("three", freePort());
    try (TestAgent.Fixed b = two;
        TestAgent.Fixed c = three) {
      Await.until(WAIT, () -> Collector.named("three").size() >= 20, "a third starts receiving");
      assertTrue(TestAgent.batonCounter("RegistryChanges") >= 2, "two membership changes seen");
      snd.app().stop();
      sender = null;
      // The collectors still drain what they accepted; every number up to the highest must come.
      Await.until(
          WAIT,
          () -> {
            Set<Long> got = received("one", "two", "three");
            return got.size() == 1 + got.stream().mapToLong(Long::longValue).max().orElse(-1);
          },
          "every event from 0 to the last one sent arrived at a collector");
      assertTrue(received("one", "two", "three").size() >= 100);
    }
  }
}
