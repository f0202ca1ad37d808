package dev.baton.registry;

import dev.baton.Listenable;
import dev.baton.ListenerHandle;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * A cached, listened view of one service's instances, returned by {@link ServiceRegistry#watch}.
 *
 * <p>Lookups ({@link #instances()}, {@link #instance(String)}, selectors) read an immutable
 * snapshot held in memory and never touch ZooKeeper, so they are cheap enough for every request.
 * One persistent recursive watch on {@code /services/<name>} keeps the snapshot current: a
 * registration, update or removal reaches the view with one watch notification and one read of the
 * changed node. After a reconnect or a new session the view re-reads the service and reports the
 * difference.
 *
 * <pre>{@code
 * ServiceView collectors = coord.registry().watch("collector");
 * collectors.addListener((added, removed, updated) -> log.info("+{} -{}", added, removed));
 * collectors.awaitInstances(1, Duration.ofSeconds(30));
 * InstanceSelector pick = collectors.selector(SelectionStrategy.consistentHash());
 * ServiceInstance owner = pick.select(customerId).orElseThrow();
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the test
 * sources.
 *
 * <p>Thread-safe. {@link #close()} removes the watch and the listeners; closing the coordinator
 * closes it too.
 *
 * @since 0.1
 */
public interface ServiceView extends Listenable<ServiceViewListener>, AutoCloseable {
  /** {@return the service name} */
  String name();

  /**
   * The instances whose status is {@link InstanceStatus#UP}, sorted by id.
   *
   * @return an immutable list, empty if none
   */
  List<ServiceInstance> instances();

  /**
   * The instances of any status that pass {@code filter}, sorted by id.
   *
   * @param filter the filter, e.g. {@code i -> i.status() != InstanceStatus.DOWN}
   * @return an immutable list
   */
  List<ServiceInstance> instances(Predicate<? super ServiceInstance> filter);

  /** {@return every registered instance, of any status, sorted by id} */
  List<ServiceInstance> allInstances();

  /**
   * One instance by id, of any status.
   *
   * @param id the instance id
   * @return the instance, or empty if it is not registered
   */
  Optional<ServiceInstance> instance(String id);

  /**
   * Waits until at least {@code count} instances are {@link InstanceStatus#UP}.
   *
   * @param count how many
   * @param timeout how long to wait at most
   * @return {@code true} if reached, {@code false} if the time ran out or the view was closed
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalArgumentException if {@code count} or {@code timeout} is negative
   */
  boolean awaitInstances(int count, Duration timeout) throws InterruptedException;

  /**
   * A selector over this view's {@code UP} instances, with the {@linkplain
   * DownInstancePolicy#ofDefaults() default down-instance policy}.
   *
   * @param strategy how to choose
   * @return a new selector; selectors are cheap and independent of each other
   */
  InstanceSelector selector(SelectionStrategy strategy);

  /**
   * A selector over this view's {@code UP} instances.
   *
   * @param strategy how to choose
   * @param policy when to skip an instance that callers reported failing
   * @return a new selector
   */
  InstanceSelector selector(SelectionStrategy strategy, DownInstancePolicy policy);

  /**
   * Adds a listener called on the view's thread ({@code baton-registry-view-<n>}, shared by the
   * registry's views).
   *
   * @param listener the listener
   * @return a handle that removes it
   */
  @Override
  ListenerHandle addListener(ServiceViewListener listener);

  /**
   * Adds a listener called on {@code executor}, one call at a time, in order.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes it
   */
  @Override
  ListenerHandle addListener(ServiceViewListener listener, Executor executor);

  /**
   * Removes a listener; does nothing if it is not registered.
   *
   * @param listener the listener
   */
  @Override
  void removeListener(ServiceViewListener listener);

  /**
   * Stops watching: removes the watch and every listener. The last snapshot stays readable.
   * Idempotent.
   */
  @Override
  void close();
}
