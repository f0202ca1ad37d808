package dev.baton.registry;

import dev.baton.Coordinator;
import dev.baton.internal.Parts;
import java.util.List;

/**
 * Registers service instances and watches services, over one {@link Coordinator}'s session. Obtain
 * it with {@code coordinator.registry()}.
 *
 * <pre>{@code
 * ServiceRegistry registry = coord.registry();
 * Registration me = registry.register(
 *     ServiceInstance.builder("collector").host("10.0.0.7").port(4141).build());
 *
 * ServiceView collectors = registry.watch("collector");
 * InstanceSelector pick = collectors.selector(SelectionStrategy.roundRobin());
 * pick.select().ifPresent(c -> send(c.address()));
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.RegistryExample} in the test
 * sources.
 *
 * <p>Everything made through a registry (registrations, views) is closed with the coordinator.
 * Thread-safe.
 *
 * @since 0.1
 */
public interface ServiceRegistry {
  /**
   * Registers {@code instance}: creates the ephemeral node {@code /services/<name>/<id>} with its
   * JSON payload. The returned registration keeps the node alive: it is left untouched over a
   * dropped connection, and re-created (only) after the session expired; see {@link Registration}.
   *
   * <p>A node at that path left by this coordinator's own earlier, expired session is replaced.
   *
   * @param instance the instance
   * @return the live registration; close it to deregister
   * @throws InstanceConflictException if another live session has registered the same id (or a
   *     persistent node sits at the path); nothing was written
   * @throws IllegalStateException if this coordinator already has an open registration of that id,
   *     or the coordinator is closed
   * @throws dev.baton.CoordinationException if ZooKeeper could not be reached or refused the write
   */
  Registration register(ServiceInstance instance);

  /**
   * Starts a cached view of service {@code name}: loads its instances (the service need not exist
   * yet) and follows every change with one persistent recursive watch. Returns once the first load
   * is done.
   *
   * @param name the service name
   * @return the view; close it to stop watching
   * @throws IllegalArgumentException if the name is not path-safe
   * @throws IllegalStateException if the coordinator is closed
   * @throws dev.baton.CoordinationException if the first load failed
   */
  ServiceView watch(String name);

  /**
   * The names of the services that have (or recently had) instances. Unlike a view's lookups, this
   * reads ZooKeeper on every call.
   *
   * @return the names, sorted
   * @throws dev.baton.CoordinationException if ZooKeeper could not be read
   */
  List<String> services();

  /**
   * The registry of {@code coordinator}, made on first use and closed with it; the same as {@link
   * Coordinator#registry()}.
   *
   * @param coordinator the coordinator
   * @return its registry
   * @throws IllegalStateException if the coordinator is closed
   */
  static ServiceRegistry of(Coordinator coordinator) {
    return Parts.of(coordinator)
        .shared(ServiceRegistryImpl.class, () -> ServiceRegistryImpl.start(coordinator));
  }
}
