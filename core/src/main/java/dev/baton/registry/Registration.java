package dev.baton.registry;

import dev.baton.Listenable;
import dev.baton.ListenerHandle;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A live registration of one instance, returned by {@link ServiceRegistry#register}.
 *
 * <p>While it is open, the registry keeps the node in place:
 *
 * <ul>
 *   <li>over a dropped connection (the session survives) the node is not touched; after the
 *       reconnect the registration only checks that its node is still there and still holds its
 *       payload, so watchers see nothing;
 *   <li>after the session expired (the server deleted the node), the node is re-created in the new
 *       session, retried with backoff until it succeeds, and {@link RegistrationListener}s hear of
 *       every failure and of the success.
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} deregisters; closing the coordinator closes it too.
 *
 * @since 0.1
 */
public interface Registration extends Listenable<RegistrationListener>, AutoCloseable {
  /** {@return the instance as registered now, with the latest status and metadata} */
  ServiceInstance instance();

  /** {@return the node's path, {@code /services/<name>/<id>}, relative to the namespace} */
  String path();

  /**
   * Whether the node is believed to exist: {@code false} after the session was lost until it is
   * re-created, and after {@link #close()}.
   *
   * @return whether the instance is registered
   */
  boolean isRegistered();

  /**
   * Changes the instance's status in place (one data change: watchers see an update, not a remove
   * and add). If the node is missing at the moment (the session was lost), the new status is what
   * re-registration writes.
   *
   * @param status the new status
   * @return the instance as now registered
   * @throws IllegalStateException if the registration is closed
   * @throws InstanceConflictException if another session owns the node now
   * @throws dev.baton.CoordinationException if the write failed
   */
  ServiceInstance update(InstanceStatus status);

  /**
   * Replaces the instance's metadata in place, like {@link #update(InstanceStatus)}.
   *
   * @param metadata the new metadata
   * @return the instance as now registered
   * @throws IllegalArgumentException if the metadata breaks a size rule; nothing was written
   * @throws IllegalStateException if the registration is closed
   * @throws InstanceConflictException if another session owns the node now
   * @throws dev.baton.CoordinationException if the write failed
   */
  ServiceInstance update(Map<String, String> metadata);

  /**
   * Adds a listener called on the registry's thread ({@code baton-registry-<n>}).
   *
   * @param listener the listener
   * @return a handle that removes it
   */
  @Override
  ListenerHandle addListener(RegistrationListener listener);

  /**
   * Adds a listener called on {@code executor}, one call at a time, in order.
   *
   * @param listener the listener
   * @param executor where it runs
   * @return a handle that removes it
   */
  @Override
  ListenerHandle addListener(RegistrationListener listener, Executor executor);

  /**
   * Removes a listener; does nothing if it is not registered.
   *
   * @param listener the listener
   */
  @Override
  void removeListener(RegistrationListener listener);

  /**
   * Deregisters: deletes the node if this session owns it, stops re-registration and removes the
   * listeners. Idempotent.
   *
   * <p>Bounded: the delete runs in the background, and close waits for ZooKeeper to confirm it for
   * at most one second, and not at all while disconnected or while the coordinator closes. If
   * ZooKeeper cannot be reached, the delete is retried in the background and the node vanishes with
   * the session at the latest.
   */
  @Override
  void close();
}
