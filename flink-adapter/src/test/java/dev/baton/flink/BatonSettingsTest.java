package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class BatonSettingsTest {
  @Test
  void codeWinsOverJobParametersWhichWinOverConfigYaml() {
    Configuration yaml = new Configuration();
    yaml.setString("baton.zookeeper.connect", "yaml:2181");
    yaml.setString("baton.zookeeper.namespace", "from-yaml");
    yaml.setString("baton.zookeeper.session-timeout", "20 s");
    yaml.setString("taskmanager.numberOfTaskSlots", "4");
    Map<String, String> job =
        Map.of("baton.zookeeper.connect", "job:2181", "baton.zookeeper.namespace", "from-job");
    Configuration code = new Configuration();
    code.set(BatonOptions.NAMESPACE, "from-code");

    Configuration resolved = BatonSettings.resolve(code, job, () -> yaml);

    assertEquals("job:2181", resolved.get(BatonOptions.CONNECT));
    assertEquals("from-code", resolved.get(BatonOptions.NAMESPACE));
    assertEquals(Duration.ofSeconds(20), resolved.get(BatonOptions.SESSION_TIMEOUT));
    assertFalse(resolved.containsKey("taskmanager.numberOfTaskSlots"), "only baton.* keys");
  }
}
