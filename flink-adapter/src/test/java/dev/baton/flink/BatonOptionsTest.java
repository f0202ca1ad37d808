package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BatonOptionsTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  @Test
  void connectsWithOptionsFromFlinkConfiguration() throws Exception {
    Configuration config = new Configuration();
    config.set(BatonOptions.CONNECT, zk.connectString());
    config.set(BatonOptions.NAMESPACE, "flink/job1");
    config.setString("baton.zookeeper.session-timeout", "3 s");
    Coordinator coord = zk.connect(cs -> BatonOptions.coordinatorBuilder(config).build());
    assertTrue(coord.awaitConnected(Duration.ofSeconds(20)));
    assertEquals("flink/job1", coord.namespace());
  }

  @Test
  void badOptionsNameTheKey() {
    IllegalConfigurationException missing =
        assertThrows(
            IllegalConfigurationException.class,
            () -> BatonOptions.coordinatorBuilder(new Configuration()));
    assertTrue(missing.getMessage().contains("baton.zookeeper.connect"), missing.getMessage());

    Configuration config = new Configuration();
    config.set(BatonOptions.CONNECT, "zk:2181");
    config.set(BatonOptions.NAMESPACE, "a//b");
    IllegalConfigurationException badNs =
        assertThrows(
            IllegalConfigurationException.class, () -> BatonOptions.coordinatorBuilder(config));
    assertTrue(badNs.getMessage().contains("baton.zookeeper.namespace"), badNs.getMessage());
  }
}
