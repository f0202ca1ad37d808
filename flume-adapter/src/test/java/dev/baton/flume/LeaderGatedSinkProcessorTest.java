package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderGatedSinkProcessorTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** A sequence source into a channel drained by a gated sink group of one collecting sink. */
  private static Map<String, String> agent(String a, String connect) {
    Map<String, String> p = new TreeMap<>();
    p.put(a + ".sources", "r1");
    p.put(a + ".channels", "c" + a);
    p.put(a + ".sinks", "k1");
    p.put(a + ".sinkgroups", "g1");
    p.put(a + ".sources.r1.type", "seq");
    p.put(a + ".sources.r1.totalEvents", "30");
    p.put(a + ".sources.r1.channels", "c" + a);
    p.put(a + ".channels.c" + a + ".type", "memory");
    p.put(a + ".sinks.k1.type", CollectingSink.class.getName());
    p.put(a + ".sinks.k1.collector", "drain-" + a);
    p.put(a + ".sinks.k1.channel", "c" + a);
    String g = a + ".sinkgroups.g1.";
    p.put(g + "sinks", "k1");
    p.put(g + "processor.type", LeaderGatedSinkProcessor.class.getName());
    p.put(g + "processor.election", "drain");
    p.put(g + "processor.baton.connect", connect);
    p.put(g + "processor.baton.namespace", "gated-sinks");
    p.put(g + "processor.baton.sessionTimeoutMs", "3000");
    return p;
  }

  private static LeaderGatedSinkProcessor processor(TestAgent.Fixed agent) {
    return (LeaderGatedSinkProcessor) agent.conf().getSinkRunners().get("g1").getPolicy();
  }

  private static Set<String> epochs(String collector, String header) {
    return Collector.named(collector).events().stream()
        .map((Event e) -> e.getHeaders().get(header))
        .collect(Collectors.toSet());
  }

  @Test
  void onlyTheLeaderDrainsAndItsEpochReachesTheSinks() {
    Map<String, NetworkPartition> links = Map.of("pa", zk.partition(), "pb", zk.partition());
    try (TestAgent.Fixed a = TestAgent.fixed("pa", agent("pa", links.get("pa").connectString()));
        TestAgent.Fixed b = TestAgent.fixed("pb", agent("pb", links.get("pb").connectString()))) {
      Await.until(WAIT, () -> processor(a).isLeader() || processor(b).isLeader(), "a leader");
      String leader = processor(a).isLeader() ? "pa" : "pb";
      String follower = leader.equals("pa") ? "pb" : "pa";
      TestAgent.Fixed f = leader.equals("pa") ? b : a;
      Await.until(
          WAIT, () -> Collector.named("drain-" + leader).size() == 30, "the leader drains 30");
      assertFalse(processor(f).isLeader(), "exactly one leader");
      assertEquals(0, Collector.named("drain-" + follower).size(), "the follower drains nothing");
      Set<String> first = epochs("drain-" + leader, LeaderGatedSinkProcessor.EPOCH_HEADER);
      assertEquals(1, first.size(), "one epoch: " + first);
      assertEquals(first, epochs("drain-" + leader, "hook.epoch"), "header and hook agree");

      links.get(leader).isolate(); // the leader's session expires after its timeout
      Await.until(WAIT, () -> processor(f).isLeader(), "the follower takes over");
      Await.until(
          WAIT,
          () -> Collector.named("drain-" + follower).size() == 30,
          "the new leader drains the 30 events its channel kept");
      links.get(leader).heal();
      Set<String> second = epochs("drain-" + follower, LeaderGatedSinkProcessor.EPOCH_HEADER);
      assertEquals(1, second.size(), "one epoch: " + second);
      assertEquals(second, epochs("drain-" + follower, "hook.epoch"));
      long e1 = Long.parseLong(first.iterator().next());
      long e2 = Long.parseLong(second.iterator().next());
      assertTrue(e2 > e1, "the new leader's epoch " + e2 + " exceeds the old " + e1);
    }
  }
}
