package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Await;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flume.Event;
import org.apache.flume.node.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderGatedSourceTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);

  /** One agent with a gated tick source, reaching ZooKeeper through its own cuttable relay. */
  private static Map<String, String> agent(String a, String connect) {
    Map<String, String> p = new TreeMap<>();
    String r = a + ".sources.r1.";
    p.put(a + ".sources", "r1");
    p.put(a + ".channels", "c" + a);
    p.put(a + ".sinks", "k1");
    p.put(r + "type", LeaderGatedPollableSource.class.getName());
    p.put(r + "channels", "c" + a);
    p.put(r + "election", "ticks");
    p.put(r + "participantId", a);
    p.put(r + "baton.connect", connect);
    p.put(r + "baton.namespace", "gated");
    p.put(r + "baton.sessionTimeoutMs", "3000");
    p.put(r + "delegate.type", TickSource.class.getName());
    p.put(r + "delegate.backoffSleepIncrement", "20");
    p.put(r + "delegate.maxBackoffSleep", "20");
    p.put(r + "interceptors", "ts who");
    p.put(r + "interceptors.ts.type", "timestamp");
    p.put(r + "interceptors.who.type", "static");
    p.put(r + "interceptors.who.key", "agent");
    p.put(r + "interceptors.who.value", a);
    p.put(a + ".channels.c" + a + ".type", "memory");
    p.put(a + ".channels.c" + a + ".capacity", "100000");
    p.put(a + ".sinks.k1.type", CollectingSink.class.getName());
    p.put(a + ".sinks.k1.collector", "gated");
    p.put(a + ".sinks.k1.channel", "c" + a);
    return p;
  }

  private record Agent(Application app, LeaderGatedPollableSource source) {}

  private static Agent start(String name, Map<String, String> props) {
    TestAgent.Fixed f = TestAgent.fixed(name, props);
    return new Agent(
        f.app(), (LeaderGatedPollableSource) f.conf().getSourceRunners().get("r1").getSource());
  }

  private static long count(String agent) {
    return Collector.named("gated").events().stream()
        .filter(e -> agent.equals(e.getHeaders().get("agent")))
        .count();
  }

  private static long timestamp(Event e) {
    return Long.parseLong(e.getHeaders().get("timestamp"));
  }

  @Test
  void onlyTheLeaderRunsTheSourceAndTheOtherTakesOverAfterExpiry() {
    Map<String, NetworkPartition> links = Map.of("ga", zk.partition(), "gb", zk.partition());
    CoordinationCounter.get();
    long electedBefore = TestAgent.batonCounter("LeadershipsElected");
    long revokedBefore = TestAgent.batonCounter("LeadershipsRevoked");
    Agent a = start("ga", agent("ga", links.get("ga").connectString()));
    Agent b = start("gb", agent("gb", links.get("gb").connectString()));
    try {
      Await.until(WAIT, () -> a.source().isLeader() || b.source().isLeader(), "a leader");
      String leader = a.source().isLeader() ? "ga" : "gb";
      String follower = leader.equals("ga") ? "gb" : "ga";
      Agent l = leader.equals("ga") ? a : b;
      Agent f = leader.equals("ga") ? b : a;
      Await.until(WAIT, () -> count(leader) >= 20, "the leader emits 20 events");
      assertFalse(f.source().isLeader(), "exactly one leader");
      assertEquals(0, count(follower), "the follower's delegate emitted nothing");

      // Cut the leader off: its session expires on the server after its timeout, as it does
      // when a leader's host dies or is partitioned away.
      links.get(leader).isolate();
      Await.until(WAIT, () -> f.source().isLeader(), "the follower takes over");
      Await.until(WAIT, () -> count(follower) >= 20, "the new leader emits 20 events");
      links.get(leader).heal();
      Await.until(WAIT, () -> count(follower) >= 40, "the new leader keeps emitting");
      assertFalse(l.source().isLeader(), "the old leader, back with a new session, follows");
      assertTrue(TestAgent.batonCounter("LeadershipsElected") >= electedBefore + 2);
      assertTrue(TestAgent.batonCounter("LeadershipsRevoked") >= revokedBefore + 1);
    } finally {
      a.app().stop();
      b.app().stop();
    }
    List<Event> events = Collector.named("gated").events();
    String first = events.get(0).getHeaders().get("agent");
    long lastOfFirst =
        events.stream()
            .filter(e -> first.equals(e.getHeaders().get("agent")))
            .mapToLong(LeaderGatedSourceTest::timestamp)
            .max()
            .orElseThrow();
    long firstOfSecond =
        events.stream()
            .filter(e -> !first.equals(e.getHeaders().get("agent")))
            .mapToLong(LeaderGatedSourceTest::timestamp)
            .min()
            .orElseThrow();
    assertTrue(
        lastOfFirst <= firstOfSecond,
        "no period where both emitted: the first leader's last event at "
            + lastOfFirst
            + ", the second's first at "
            + firstOfSecond);
  }
}
