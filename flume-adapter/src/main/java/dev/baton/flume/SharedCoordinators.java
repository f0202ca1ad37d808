package dev.baton.flume;

import dev.baton.Coordinator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Coordinator} per JVM and settings, shared by every Baton component of the agent and
 * reference counted: Flume builds new component instances on every reload, and each instance
 * opening a session of its own would multiply ZooKeeper sessions (and their ephemeral nodes) by the
 * number of components and reloads.
 */
final class SharedCoordinators {
  private static final Logger LOG = LoggerFactory.getLogger(SharedCoordinators.class);
  private static final Map<FlumeCoordinatorSettings, Entry> ENTRIES = new HashMap<>();
  // The settings of the running config provider: components without baton.connect use them.
  private static @Nullable FlumeCoordinatorSettings agentDefault;

  private SharedCoordinators() {}

  private static final class Entry {
    final Coordinator coordinator;
    int references;

    Entry(Coordinator coordinator) {
      this.coordinator = coordinator;
    }
  }

  /** A counted use of a shared coordinator; closing it twice releases it once. */
  static final class Lease implements AutoCloseable {
    private final FlumeCoordinatorSettings settings;
    private final Coordinator coordinator;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(FlumeCoordinatorSettings settings, Coordinator coordinator) {
      this.settings = settings;
      this.coordinator = coordinator;
    }

    Coordinator coordinator() {
      return coordinator;
    }

    FlumeCoordinatorSettings settings() {
      return settings;
    }

    @Override
    public void close() {
      if (released.compareAndSet(false, true)) {
        release(settings);
      }
    }
  }

  static Lease acquire(FlumeCoordinatorSettings settings) {
    synchronized (ENTRIES) {
      Entry e = ENTRIES.get(settings);
      if (e == null || e.coordinator.isClosed()) {
        e = new Entry(settings.toBuilder().build());
        ENTRIES.put(settings, e);
        LOG.info("Opened the shared ZooKeeper session for {}", settings);
      }
      e.references++;
      return new Lease(settings, e.coordinator);
    }
  }

  /**
   * The coordinator for a component: its own {@code baton.*} settings if its context has them,
   * otherwise the agent's.
   */
  static Lease acquire(Context context, String component) {
    if (FlumeCoordinatorSettings.presentIn(context)) {
      return acquire(FlumeCoordinatorSettings.from(context));
    }
    FlumeCoordinatorSettings fallback;
    synchronized (ENTRIES) {
      fallback = agentDefault;
    }
    if (fallback == null) {
      throw new ConfigurationException(
          component
              + ": missing required property '"
              + FlumeCoordinatorSettings.CONNECT
              + "' (needed unless the agent runs a BatonConfigurationProvider)");
    }
    return acquire(fallback);
  }

  static void setAgentDefault(FlumeCoordinatorSettings settings) {
    synchronized (ENTRIES) {
      agentDefault = settings;
    }
  }

  static void clearAgentDefault(FlumeCoordinatorSettings settings) {
    synchronized (ENTRIES) {
      if (settings.equals(agentDefault)) {
        agentDefault = null;
      }
    }
  }

  private static void release(FlumeCoordinatorSettings settings) {
    Coordinator toClose = null;
    synchronized (ENTRIES) {
      Entry e = ENTRIES.get(settings);
      if (e != null && --e.references == 0) {
        ENTRIES.remove(settings);
        toClose = e.coordinator;
      }
    }
    if (toClose != null) {
      // Outside the lock: closing waits for ZooKeeper and must not hold up other components.
      toClose.close();
      LOG.info("Closed the shared ZooKeeper session for {}", settings);
    }
  }
}
