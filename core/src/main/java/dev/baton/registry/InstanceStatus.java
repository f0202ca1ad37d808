package dev.baton.registry;

/**
 * What an instance tells its clients about itself. Only {@link #UP} instances are offered by {@link
 * ServiceView#instances()} and by selectors; the others stay visible through {@link
 * ServiceView#allInstances()} so that operators can see them.
 *
 * @since 0.1
 */
public enum InstanceStatus {
  /** Serving: clients may send it work. */
  UP,
  /** Finishing what it has, taking nothing new: clients should stop choosing it. */
  DRAINING,
  /** Registered but not serving (starting, or out of service). */
  DOWN
}
