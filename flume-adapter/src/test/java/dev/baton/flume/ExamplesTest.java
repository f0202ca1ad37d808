package dev.baton.flume;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import dev.baton.flume.examples.ProviderExample;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.cli.MissingOptionException;
import org.apache.flume.node.Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ExamplesTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private void store(String namespace, String collector, int events) {
    Coordinator admin =
        zk.connect(cs -> Coordinator.builder().connectString(cs).namespace(namespace).build());
    admin
        .configs()
        .put(
            "flume/agents/a1",
            Codecs.ofString(),
            BatonConfigurationProviderTest.topology("c" + collector, collector, events));
  }

  @Test
  void providerExampleRunsTheStoredConfig() {
    store("pipelines", "example-provider", 25);
    Application app = ProviderExample.start(zk.connectString(), dir);
    try {
      Await.until(
          WAIT, () -> Collector.named("example-provider").size() == 25, "25 events delivered");
      Await.until(WAIT, () -> Files.exists(dir.resolve("a1.properties")), "backup written");
    } finally {
      app.stop();
    }
  }

  @Test
  void launcherRunsTheStoredConfig() throws Exception {
    store("launcher/ns", "example-launcher", 15);
    Application app =
        BatonAgent.launch(
            new String[] {
              "-n",
              "a1",
              "-z",
              zk.connectString(),
              "-p",
              "/launcher/ns",
              "-b",
              dir.toString(),
              "--session-timeout",
              "3000"
            });
    try {
      Await.until(
          WAIT, () -> Collector.named("example-launcher").size() == 15, "15 events delivered");
    } finally {
      app.stop();
    }
  }

  @Test
  void launcherRefusesBadFlagsNamingThem() {
    assertThrows(MissingOptionException.class, () -> BatonAgent.launch(new String[] {"-n", "a1"}));
    IllegalArgumentException timeout =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                BatonAgent.launch(
                    new String[] {"-n", "a1", "-z", "zk:2181", "--session-timeout", "soon"}));
    assertTrue(timeout.getMessage().contains("--session-timeout"), timeout.getMessage());
    IllegalArgumentException auth =
        assertThrows(
            IllegalArgumentException.class,
            () -> BatonAgent.launch(new String[] {"-n", "a1", "-z", "zk:2181", "--auth", "x"}));
    assertTrue(auth.getMessage().contains("--auth"), auth.getMessage());
  }
}
