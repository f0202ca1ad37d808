package dev.baton.registry;

import dev.baton.CoordinationException;

/**
 * Hears what happens to a {@link Registration} behind the caller's back: its session ended, it was
 * re-created, or re-creating it failed (and will be retried). Every method has an empty default;
 * override what you need.
 *
 * <p>Called one at a time on the registry's thread (or the executor given to {@link
 * Registration#addListener(RegistrationListener, java.util.concurrent.Executor)}); an exception
 * thrown by a listener is logged and reaches neither other listeners nor the registration.
 *
 * @since 0.1
 */
public interface RegistrationListener {
  /**
   * The coordinator's session was lost: the server deleted the node, and clients no longer see the
   * instance. Re-registration starts as soon as a new session is established.
   *
   * @param instance the instance as it was registered
   */
  default void onLost(ServiceInstance instance) {}

  /**
   * The node was created again: after a session loss, or because it had gone missing while the
   * session lived (deleted by hand).
   *
   * @param instance the instance as now registered
   * @param sessionId the session that owns the new node
   */
  default void onReRegistered(ServiceInstance instance, long sessionId) {}

  /**
   * An attempt to re-create the node failed; another follows after a backoff (100 ms doubling up to
   * 5 s) until it succeeds or the registration is closed.
   *
   * @param cause why it failed, e.g. an {@link InstanceConflictException} if another live session
   *     took the id meanwhile, or a {@link dev.baton.ConnectionLostException}
   * @param attempt the failed attempt's number, from 1
   */
  default void onReRegistrationFailed(CoordinationException cause, int attempt) {}
}
