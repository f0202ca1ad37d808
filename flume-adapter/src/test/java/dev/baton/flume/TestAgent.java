package dev.baton.flume;

import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flume.conf.FlumeConfiguration;
import org.apache.flume.lifecycle.LifecycleAware;
import org.apache.flume.node.AbstractConfigurationProvider;
import org.apache.flume.node.Application;
import org.apache.flume.node.MaterializedConfiguration;
import org.jspecify.annotations.Nullable;

/** A whole Flume agent in the test JVM: Application, event bus and a Baton provider. */
final class TestAgent implements AutoCloseable {
  final BatonConfigurationProvider provider;
  final Application app;

  /** Every config the provider posted, in order. */
  final List<MaterializedConfiguration> posted = new CopyOnWriteArrayList<>();

  private TestAgent(BatonConfigurationProvider provider, Application app) {
    this.provider = provider;
    this.app = app;
  }

  static TestAgent start(
      String agent, FlumeCoordinatorSettings settings, @Nullable Path backup, Duration startup) {
    EventBus bus = new EventBus(agent + "-event-bus");
    ProviderBuilder b =
        BatonConfigurationProvider.builder(agent)
            .settings(settings)
            .eventBus(bus)
            .startupTimeout(startup);
    if (backup != null) {
      b.backupFile(backup);
    }
    BatonConfigurationProvider provider = b.build();
    Application app = new Application(List.<LifecycleAware>of(provider));
    TestAgent agentHandle = new TestAgent(provider, app);
    bus.register(agentHandle);
    bus.register(app);
    app.start();
    return agentHandle;
  }

  /**
   * An agent without a provider: one fixed config, applied the way Flume's TestApplication does.
   */
  record Fixed(Application app, MaterializedConfiguration conf) implements AutoCloseable {
    @Override
    public void close() {
      app.stop();
    }
  }

  static Fixed fixed(String agent, Map<String, String> props) {
    List<String> problems = AgentConfigs.problems(agent, props);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.toString());
    }
    FlumeConfiguration fc = new FlumeConfiguration(props);
    MaterializedConfiguration conf =
        new AbstractConfigurationProvider(agent) {
          @Override
          protected FlumeConfiguration getFlumeConfiguration() {
            return fc;
          }
        }.getConfiguration();
    Application app = new Application();
    app.handleConfigurationEvent(conf);
    app.start();
    return new Fixed(app, conf);
  }

  /** An attribute of the Baton counters, read through JMX as Flume's monitoring reads it. */
  static long batonCounter(String attribute) {
    try {
      return (Long)
          java.lang.management.ManagementFactory.getPlatformMBeanServer()
              .getAttribute(
                  new javax.management.ObjectName("org.apache.flume.other:type=baton"), attribute);
    } catch (javax.management.JMException e) {
      throw new AssertionError("Baton counters not in JMX: " + e, e);
    }
  }

  @Subscribe
  public void onConfig(MaterializedConfiguration conf) {
    posted.add(conf);
  }

  @Override
  public void close() {
    app.stop();
  }
}
