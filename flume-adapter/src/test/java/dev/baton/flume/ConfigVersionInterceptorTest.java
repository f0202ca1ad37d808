package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flume.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfigVersionInterceptorTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static String config(int events) {
    return BatonConfigurationProviderTest.topology("cstamp", "stamped", events)
        + "a1.sources.r1.interceptors = v\n"
        + "a1.sources.r1.interceptors.v.type = "
        + ConfigVersionInterceptor.Builder.class.getName()
        + "\n"
        + "a1.sources.r1.interceptors.v.agent = true\n";
  }

  private static Set<String> values(String header) {
    return Collector.named("stamped").events().stream()
        .map((Event e) -> e.getHeaders().get(header))
        .collect(Collectors.toSet());
  }

  @Test
  void eventsCarryTheKeyAndVersionOfTheConfigTheyRanUnder() {
    FlumeCoordinatorSettings settings =
        new FlumeCoordinatorSettings(zk.connectString(), "stamp", Duration.ofSeconds(3));
    Coordinator admin = zk.connect(cs -> settings.toBuilder().build());
    admin.configs().put("flume/agents/a1", Codecs.ofString(), config(10));
    try (TestAgent agent = TestAgent.start("a1", settings, null, WAIT)) {
      Await.until(WAIT, () -> Collector.named("stamped").size() == 10, "10 events");
      assertEquals(Set.of("a0"), values(ConfigVersionInterceptor.VERSION_HEADER));
      assertEquals(Set.of("flume/agents/a1"), values(ConfigVersionInterceptor.KEY_HEADER));
      assertEquals(Set.of("a1"), values(ConfigVersionInterceptor.AGENT_HEADER));

      admin.configs().put("flume/agents/a1", Codecs.ofString(), config(5));
      Await.until(WAIT, () -> Collector.named("stamped").size() == 15, "5 more events");
      assertEquals(Set.of("a0", "a1"), values(ConfigVersionInterceptor.VERSION_HEADER));
    }
  }
}
