package dev.baton.lock;

import java.util.List;
import java.util.Objects;

/**
 * A lock's queue as read once by {@link DistributedLock#queue()}: every node in order, who holds
 * and who waits, with the fencing token each holder's lease carries. For operators and tools; a
 * program that wants the lock acquires it instead.
 *
 * <pre>{@code
 * LockQueue q = coord.lock("hdfs-commit").queue();
 * for (LockQueue.Entry e : q.holders()) {
 *   System.out.println(e.owner() + " holds with token " + e.fencingToken());
 * }
 * }</pre>
 *
 * <p>A snapshot: by the time it is read, a holder may have released and a waiter taken over. For a
 * read/write lock the queue holds both kinds ({@code read-} and {@code write-}); each node's {@link
 * Entry#holds()} follows the rule of its own kind.
 *
 * @param path the queue's directory in the coordinator's namespace, e.g. {@code /locks/commit}
 * @param entries the nodes, lowest sequence (first in line) first
 * @since 0.1
 */
public record LockQueue(String path, List<Entry> entries) {
  /**
   * One node of the queue.
   *
   * @param node the node's name
   * @param kind its kind: {@code lease-} (mutex), {@code read-}, {@code write-} or {@code permit-}
   * @param fencingToken the node's czxid: the fencing token of the lease it stands for
   * @param sessionId the ZooKeeper session that owns it
   * @param owner the process that created it, as it named itself ({@code pid@host})
   * @param holds whether it holds the lock now, by the rule of its kind
   * @since 0.1
   */
  public record Entry(
      String node, String kind, long fencingToken, long sessionId, String owner, boolean holds) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if a string component is null
     */
    public Entry {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(owner, "owner");
    }
  }

  /**
   * Freezes the entries.
   *
   * @throws NullPointerException if a component is null
   */
  public LockQueue {
    Objects.requireNonNull(path, "path");
    entries = List.copyOf(entries);
  }

  /** {@return the entries that hold the lock now, in queue order} */
  public List<Entry> holders() {
    return entries.stream().filter(Entry::holds).toList();
  }

  /** {@return the entries that wait, in the order they will be served} */
  public List<Entry> waiters() {
    return entries.stream().filter(e -> !e.holds()).toList();
  }
}
