package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FlumeCoordinatorSettingsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void connectsWithSettingsFromAFlumeContext() throws Exception {
    Context context =
        new Context(
            Map.of(
                "baton.connect", zk.connectString(),
                "baton.namespace", "flume/agent1",
                "baton.sessionTimeoutMs", "3000"));
    FlumeCoordinatorSettings settings = FlumeCoordinatorSettings.from(context);
    assertEquals(Duration.ofSeconds(3), settings.sessionTimeout());
    Coordinator coord = zk.connect(cs -> settings.toBuilder().build());
    assertTrue(coord.awaitConnected(Duration.ofSeconds(20)));
    assertEquals("flume/agent1", coord.namespace());
  }

  @Test
  void badPropertiesFailConfigurationNamingTheProperty() {
    ConfigurationException missing =
        assertThrows(
            ConfigurationException.class, () -> FlumeCoordinatorSettings.from(new Context()));
    assertTrue(missing.getMessage().contains("baton.connect"), missing.getMessage());

    ConfigurationException badTimeout =
        assertThrows(
            ConfigurationException.class,
            () ->
                FlumeCoordinatorSettings.from(
                    new Context(
                        Map.of("baton.connect", "zk:2181", "baton.sessionTimeoutMs", "soon"))));
    assertTrue(badTimeout.getMessage().contains("baton.sessionTimeoutMs"), badTimeout.getMessage());

    ConfigurationException badNamespace =
        assertThrows(
            ConfigurationException.class,
            () ->
                FlumeCoordinatorSettings.from(
                    new Context(Map.of("baton.connect", "zk:2181", "baton.namespace", "/abs"))));
    assertTrue(badNamespace.getMessage().contains("/abs"), badNamespace.getMessage());
  }
}
