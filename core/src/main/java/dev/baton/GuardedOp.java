package dev.baton;

import java.util.Arrays;
import java.util.Objects;
import org.apache.zookeeper.common.PathUtils;

/**
 * One operation of a guarded write, in Baton's terms: no Curator types, no checked exceptions. A
 * list of them runs as one ZooKeeper {@code multi()} behind a lease or a leadership ({@code
 * lease.guardedWrite(ops)}, {@code leadership.guardedWrite(ops)}): all land, or none does.
 *
 * <pre>{@code
 * try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
 *   lease.guardedWrite(List.of(
 *       GuardedOp.create("/commits/2026-11-29/part-0000", manifest),  // parents created too
 *       GuardedOp.setData("/commits/latest", "part-0000".getBytes(UTF_8))));
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.LockExample} in the test
 * sources.
 *
 * <p>Paths are absolute ZooKeeper paths relative to the coordinator's namespace. For operations
 * Baton does not offer (ephemeral or sequential nodes, ACLs per node), build Curator operations
 * with {@code coord.curator().transactionOp()} and pass them to {@code guardedTransaction}.
 *
 * @param kind what the operation does
 * @param path the node's path
 * @param data the data to write (empty for {@code DELETE} and {@code CHECK})
 * @param version the version the node must have, or {@code -1} for any
 * @since 0.1
 */
public record GuardedOp(Kind kind, String path, byte[] data, int version) {
  /** What a {@link GuardedOp} does. */
  public enum Kind {
    /** Creates a persistent node, and its missing parents (persistent, empty). */
    CREATE,
    /** Replaces a node's data. */
    SET_DATA,
    /** Deletes a node. */
    DELETE,
    /** Writes nothing; fails the whole write unless the node exists (at the version, if given). */
    CHECK
  }

  /**
   * The outcome of one operation of a guarded write.
   *
   * @param kind what the operation did
   * @param path the node's path
   * @param version the node's data version after the write ({@code 0} for a created node, the new
   *     version after {@code SET_DATA}), or {@code -1} for {@code DELETE} and {@code CHECK}. One
   *     case leaves a {@code SET_DATA} without an expected version at {@code -1}, unknown: its
   *     reply was lost, Baton found the write committed, and the node was changed again before
   *     Baton could read it back.
   * @since 0.1
   */
  public record Result(Kind kind, String path, int version) {}

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the path is not a valid absolute ZooKeeper path, or the
   *     version is below {@code -1}
   */
  public GuardedOp {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    data = Objects.requireNonNull(data, "data").clone();
    try {
      PathUtils.validatePath(path);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("path '" + path + "' is invalid: " + e.getMessage(), e);
    }
    if (path.equals("/")) {
      throw new IllegalArgumentException("path '/' cannot be written");
    }
    if (version < -1) {
      throw new IllegalArgumentException(
          "version of " + path + " must be -1 (any) or at least 0, was " + version);
    }
  }

  /**
   * Creates a persistent node holding {@code data}, and any missing parent (persistent, empty), in
   * the same transaction: if the write is refused, no parent is left behind either.
   *
   * @param path the node's path
   * @param data its data
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid
   */
  public static GuardedOp create(String path, byte[] data) {
    return new GuardedOp(Kind.CREATE, path, data, -1);
  }

  /**
   * Replaces the data of an existing node, whatever its version.
   *
   * @param path the node's path
   * @param data the new data
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid
   */
  public static GuardedOp setData(String path, byte[] data) {
    return new GuardedOp(Kind.SET_DATA, path, data, -1);
  }

  /**
   * Replaces the data of an existing node if it is at {@code expectedVersion} (compare-and-set).
   *
   * @param path the node's path
   * @param data the new data
   * @param expectedVersion the version the node must have, at least 0
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid or the version negative
   */
  public static GuardedOp setData(String path, byte[] data, int expectedVersion) {
    return new GuardedOp(Kind.SET_DATA, path, data, requireVersion(path, expectedVersion));
  }

  /**
   * Deletes a node (which must have no children), whatever its version.
   *
   * @param path the node's path
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid
   */
  public static GuardedOp delete(String path) {
    return new GuardedOp(Kind.DELETE, path, new byte[0], -1);
  }

  /**
   * Deletes a node if it is at {@code expectedVersion}.
   *
   * @param path the node's path
   * @param expectedVersion the version the node must have, at least 0
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid or the version negative
   */
  public static GuardedOp delete(String path, int expectedVersion) {
    return new GuardedOp(Kind.DELETE, path, new byte[0], requireVersion(path, expectedVersion));
  }

  /**
   * Writes nothing, but fails the whole write unless the node exists at {@code expectedVersion}.
   *
   * @param path the node's path
   * @param expectedVersion the version the node must have, at least 0
   * @return the operation
   * @throws IllegalArgumentException if the path is invalid or the version negative
   */
  public static GuardedOp check(String path, int expectedVersion) {
    return new GuardedOp(Kind.CHECK, path, new byte[0], requireVersion(path, expectedVersion));
  }

  /** {@return a copy of the data} */
  @Override
  public byte[] data() {
    return data.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GuardedOp op
        && kind == op.kind
        && path.equals(op.path)
        && Arrays.equals(data, op.data)
        && version == op.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, path, Arrays.hashCode(data), version);
  }

  @Override
  public String toString() {
    return kind + " " + path + (version >= 0 ? " @v" + version : "") + " (" + data.length + " B)";
  }

  private static int requireVersion(String path, int version) {
    if (version < 0) {
      throw new IllegalArgumentException(
          "expected version of " + path + " must be at least 0, was " + version);
    }
    return version;
  }
}
