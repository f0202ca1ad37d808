package dev.baton.flume;

import dev.baton.CoordinatorPool;
import org.apache.flume.Context;
import org.apache.flume.conf.ConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * One {@link dev.baton.Coordinator} per JVM and settings, shared by every Baton component of the
 * agent and reference counted (core's {@link CoordinatorPool}, keyed by the {@link
 * FlumeCoordinatorSettings}): Flume builds new component instances on every reload, and each
 * instance opening a session of its own would multiply ZooKeeper sessions (and their ephemeral
 * nodes) by the number of components and reloads.
 */
final class SharedCoordinators {
  private static final CoordinatorPool POOL = CoordinatorPool.create();
  private static final Object LOCK = new Object();
  // The settings of the running config provider: components without baton.connect use them.
  private static @Nullable FlumeCoordinatorSettings agentDefault; // guarded by LOCK

  private SharedCoordinators() {}

  static CoordinatorPool.Handle acquire(FlumeCoordinatorSettings settings) {
    return POOL.acquire(settings, () -> settings.toBuilder().build());
  }

  /**
   * The coordinator for a component: its own {@code baton.*} settings if its context has them,
   * otherwise the agent's.
   */
  static CoordinatorPool.Handle acquire(Context context, String component) {
    if (FlumeCoordinatorSettings.presentIn(context)) {
      return acquire(FlumeCoordinatorSettings.from(context));
    }
    FlumeCoordinatorSettings fallback;
    synchronized (LOCK) {
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
    synchronized (LOCK) {
      agentDefault = settings;
    }
  }

  static void clearAgentDefault(FlumeCoordinatorSettings settings) {
    synchronized (LOCK) {
      if (settings.equals(agentDefault)) {
        agentDefault = null;
      }
    }
  }
}
