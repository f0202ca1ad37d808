package dev.baton.registry;

import dev.baton.CoordinationException;

/**
 * Thrown when an instance id is already registered by another live ZooKeeper session: two processes
 * claim the same {@code /services/<name>/<id>}. Nothing was written.
 *
 * <p>A node left by this coordinator's own earlier (expired) session is not a conflict: the
 * registry replaces it.
 *
 * @since 0.1
 */
public class InstanceConflictException extends CoordinationException {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final String instanceId;
  private final long ownerSessionId;

  /**
   * Creates the exception.
   *
   * @param service the service name
   * @param instanceId the contested instance id
   * @param ownerSessionId the session that owns the existing node ({@code 0} if the node is
   *     persistent)
   */
  public InstanceConflictException(String service, String instanceId, long ownerSessionId) {
    super(
        Paths.instance(service, instanceId),
        ownerSessionId == 0
            ? "instance "
                + instanceId
                + " of service "
                + service
                + " exists as a persistent node (not an ephemeral registration): remove it"
                + " by hand"
            : "instance "
                + instanceId
                + " of service "
                + service
                + " is already registered by another live session 0x"
                + Long.toHexString(ownerSessionId)
                + ": choose another id, or stop the other process");
    this.service = service;
    this.instanceId = instanceId;
    this.ownerSessionId = ownerSessionId;
  }

  /** {@return the service name} */
  public String service() {
    return service;
  }

  /** {@return the contested instance id} */
  public String instanceId() {
    return instanceId;
  }

  /** {@return the session owning the existing node, {@code 0} for a persistent node} */
  public long ownerSessionId() {
    return ownerSessionId;
  }
}
