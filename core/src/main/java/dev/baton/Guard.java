package dev.baton;

/**
 * A condition a ZooKeeper write must satisfy to land: that a lease or a leadership is still held.
 *
 * <p>A guard names a node that exists exactly as long as the lease (or leadership) it stands for:
 * the holder's ephemeral node. A guarded write runs as one ZooKeeper {@code multi()} that first
 * checks that node and then writes, so a holder whose session expired (and whose node is gone)
 * cannot write, even if it has not yet heard that it lost the lease. Before sending anything, a
 * guarded write also calls {@link #checkValid()}, which refuses at once when the holder already
 * knows the lease is lost or suspended.
 *
 * <p>Guards come from leases and leaderships; {@code ConfigStore} and other writers accept them
 * without depending on the lock or election packages.
 *
 * @since 0.1
 */
public interface Guard {
  /**
   * The node whose existence the write is conditioned on, relative to the coordinator's namespace.
   *
   * @return an absolute ZooKeeper path such as {@code
   *     /locks/hdfs-commit/_c_2f1e4b9a-8c1d-4f4e-9a3b-0c6f5d2e7a10-lease-0000000007} (a lease's
   *     node is created in Curator's protected mode: a {@code _c_<uuid>-} prefix before its kind
   *     and sequence number)
   */
  String guardPath();

  /**
   * The fencing token of the lease or leadership behind this guard: the czxid of its node.
   * Leaderships and exclusive leases never overlap, so a later holder always has a larger token and
   * a store may refuse lower ones. Shared leases (semaphore permits, read leases) overlap: their
   * tokens identify a holding but must not be used to refuse lower ones.
   *
   * @return a token that is larger for every holder whose node was created later
   */
  long fencingToken();

  /**
   * Refuses early when the holder already knows the guard no longer holds.
   *
   * @throws LeaseLostException if the lease or leadership is known to be lost or suspended
   */
  void checkValid();
}
