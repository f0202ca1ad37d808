package dev.baton.bench;

import dev.baton.Coordinator;

/**
 * A service registry as the registry benchmarks drive it: one session registers instances of one
 * service, another session keeps a view of that service and selects from it. A new implementation
 * (Baton's registry) is one adapter class plus one line in {@link Registries}.
 */
public interface RegistryProbe extends AutoCloseable {

  /**
   * Registers instance {@code id} from the registering session.
   *
   * @param id the instance id, unique within the service
   * @throws Exception if ZooKeeper fails
   */
  void register(String id) throws Exception;

  /**
   * Removes instance {@code id} from the registering session.
   *
   * @param id an id registered before
   * @throws Exception if ZooKeeper fails
   */
  void unregister(String id) throws Exception;

  /**
   * Whether the viewing session's view holds instance {@code id} now.
   *
   * @param id the instance id
   * @return true if the view lists it
   */
  boolean viewHas(String id);

  /**
   * How many instances {@link #select()} chooses among now.
   *
   * @return the count
   * @throws Exception if the view fails
   */
  int selectable() throws Exception;

  /**
   * Picks one instance from the view, round robin, without a ZooKeeper round trip.
   *
   * @return the chosen instance (its type is the implementation's)
   * @throws Exception if the view fails
   */
  Object select() throws Exception;

  /** Closes the view and removes what this probe registered. */
  @Override
  void close();

  /** Opens probes of one implementation. */
  @FunctionalInterface
  interface Factory {
    /**
     * Starts a registrar in one session and a view in another.
     *
     * @param registering the session that registers instances
     * @param viewing the session whose view watches the service
     * @param service the service name
     * @param onViewChange run, on the implementation's thread, after each change of the view
     * @return the started probe
     * @throws Exception if it cannot start
     */
    RegistryProbe open(
        Coordinator registering, Coordinator viewing, String service, Runnable onViewChange)
        throws Exception;
  }
}
