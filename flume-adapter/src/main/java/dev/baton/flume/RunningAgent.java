package dev.baton.flume;

import org.jspecify.annotations.Nullable;

/**
 * The agent this JVM runs, as its {@link BatonConfigurationProvider} last applied it: components
 * that publish the config version (the monitor service) read it here. A Flume JVM runs one agent.
 */
final class RunningAgent {
  /** An agent's name, its config key and the version of the config it runs. */
  record Applied(String agent, String key, String version) {}

  private static volatile @Nullable Applied applied;

  private RunningAgent() {}

  static void applied(String agent, String key, String version) {
    applied = new Applied(agent, key, version);
  }

  static @Nullable Applied current() {
    return applied;
  }
}
