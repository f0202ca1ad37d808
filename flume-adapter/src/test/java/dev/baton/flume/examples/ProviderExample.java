package dev.baton.flume.examples;

import com.google.common.eventbus.EventBus;
import dev.baton.flume.BatonConfigurationProvider;
import dev.baton.flume.FlumeCoordinatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flume.lifecycle.LifecycleAware;
import org.apache.flume.node.Application;

/** The example of {@link BatonConfigurationProvider}'s javadoc, compiled. */
public final class ProviderExample {
  private ProviderExample() {}

  /** Starts agent {@code a1} with its config from ZooKeeper; stop the returned application. */
  public static Application start(String connectString, Path backupDir) {
    EventBus bus = new EventBus("a1-event-bus");
    BatonConfigurationProvider provider =
        BatonConfigurationProvider.builder("a1")
            .settings(
                new FlumeCoordinatorSettings(connectString, "pipelines", Duration.ofSeconds(15)))
            .backupFile(backupDir.resolve("a1.properties"))
            .eventBus(bus)
            .build();
    Application agent = new Application(List.<LifecycleAware>of(provider));
    bus.register(agent);
    agent.start(); // starts the provider, which posts each accepted config on the bus
    return agent;
  }
}
