package dev.baton.registry;

import java.util.Optional;

/**
 * Chooses one {@link InstanceStatus#UP} instance of a {@link ServiceView} per call, by a {@link
 * SelectionStrategy}, skipping instances that callers reported failing (see {@link
 * DownInstancePolicy}). If every instance is excluded, it chooses among all of them rather than
 * none: a suspect instance beats certain failure.
 *
 * <p>Selection reads the view's in-memory snapshot only (no ZooKeeper, no locks); per-snapshot work
 * such as a consistent-hash ring is done once, when the snapshot changes.
 *
 * <pre>{@code
 * InstanceSelector pick = view.selector(SelectionStrategy.roundRobin());
 * ServiceInstance target = pick.select().orElseThrow(() -> new IOException("no collector"));
 * try {
 *   send(target);
 *   pick.reportSuccess(target);
 * } catch (IOException e) {
 *   pick.reportError(target); // excluded for a while after repeated errors
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the test
 * sources.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface InstanceSelector {
  /**
   * Chooses an instance.
   *
   * @return the instance, or empty if the view has no {@code UP} instance
   * @throws IllegalStateException if the strategy is {@linkplain SelectionStrategy#consistentHash()
   *     consistent hashing}, which needs a key
   */
  Optional<ServiceInstance> select();

  /**
   * Chooses an instance for {@code key}: consistent hashing maps equal keys to the same instance
   * while membership is unchanged; other strategies ignore the key.
   *
   * @param key the routing key, e.g. a customer id
   * @return the instance, or empty if the view has no {@code UP} instance
   */
  Optional<ServiceInstance> select(String key);

  /**
   * Reports that a call to {@code instance} failed. After {@link
   * DownInstancePolicy#errorThreshold()} consecutive errors it is skipped for {@link
   * DownInstancePolicy#exclusion()}.
   *
   * @param instance the instance that failed
   */
  void reportError(ServiceInstance instance);

  /**
   * Reports that a call to {@code instance} succeeded, clearing its error count.
   *
   * @param instance the instance that answered
   */
  void reportSuccess(ServiceInstance instance);

  /**
   * Whether {@code instance} is currently skipped because of reported errors.
   *
   * @param instance the instance
   * @return {@code true} while it is excluded
   */
  boolean isExcluded(ServiceInstance instance);

  /** {@return the strategy this selector uses} */
  SelectionStrategy strategy();
}
