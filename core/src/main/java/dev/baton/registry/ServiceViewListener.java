package dev.baton.registry;

import java.util.List;

/**
 * Hears changes of a {@link ServiceView}, as exact sets: each call reports the instances that
 * appeared, disappeared and changed since the previous call, over every status (a status change is
 * an update).
 *
 * <p>Called one at a time, in the order the view changed, on the view's thread (or the executor
 * given to {@link ServiceView#addListener(ServiceViewListener, java.util.concurrent.Executor)});
 * keep it short. An exception thrown by a listener is logged and reaches neither other listeners
 * nor the view.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ServiceViewListener {
  /**
   * The view changed. At least one list is non-empty; each is sorted by instance id.
   *
   * @param added instances that appeared
   * @param removed instances that disappeared, as last seen
   * @param updated instances whose payload changed, or whose node was re-created, as now seen
   */
  void onChange(
      List<ServiceInstance> added, List<ServiceInstance> removed, List<ServiceInstance> updated);

  /**
   * The view re-read its service after the connection came back or the session was replaced;
   * changes made meanwhile were reported through {@link #onChange} as one difference, not one by
   * one. Default: nothing.
   */
  default void onResynced() {}
}
