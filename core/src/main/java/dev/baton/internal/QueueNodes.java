package dev.baton.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;

/**
 * The queue mechanism behind locks and elections: ephemeral-sequential nodes under one parent,
 * ordered by their sequence suffix, each created with its {@link Stat} so that its czxid (the
 * fencing token or epoch) is known from the create reply itself.
 *
 * <p>Kinds (the name prefixes) end in exactly one {@code '-'}, e.g. {@code lease-}: that is what
 * tells a sign in the sequence suffix from the kind after 2^31 changes of one directory.
 *
 * <p>Nodes are created with Curator's protection mode: their name starts with {@code _c_<uuid>-},
 * so a create whose reply was lost on a dropped connection is found again by its uuid on retry
 * instead of leaving an orphan that would block the queue until the session ends.
 */
public final class QueueNodes {
  private static final String PROTECTED_PREFIX = "_c_";
  // "_c_" + 36-character uuid + "-"
  private static final int PROTECTED_LENGTH = PROTECTED_PREFIX.length() + 36 + 1;
  private static final int SEQUENCE_DIGITS = 10;

  private QueueNodes() {}

  /**
   * A node of a queue, as listed by {@code getChildren}.
   *
   * @param name the node's name (a child of the queue's parent)
   * @param kind the prefix it was created with, e.g. {@code lease-}, {@code read-}
   * @param sequence the sequence suffix ZooKeeper appended
   */
  public record Child(String name, String kind, long sequence) {}

  /**
   * A node this process created.
   *
   * @param path its full path
   * @param czxid the zxid of its creation: the fencing token
   * @param owner the session that owns it ({@code ephemeralOwner}): a holding based on it is valid
   *     only while that session is the client's live one
   */
  public record Created(String path, long czxid, long owner) {}

  /**
   * Creates an ephemeral-sequential node {@code parent/kind<seq>} (protected), creating missing
   * parents as containers. One round trip when the parent exists.
   *
   * @param client the client
   * @param parent the queue's parent path
   * @param kind the name prefix, ending in exactly one {@code '-'}, e.g. {@code lease-}
   * @param data the node's data
   * @return the created node
   * @throws IllegalArgumentException if {@code kind} does not end in exactly one {@code '-'}
   * @throws Exception as thrown by Curator
   */
  public static Created create(CuratorFramework client, String parent, String kind, byte[] data)
      throws Exception {
    if (!kind.endsWith("-") || kindEndsAt(kind, kind.length() - 1)) {
      throw new IllegalArgumentException(
          "queue node kind '" + kind + "' must end in exactly one '-'");
    }
    Stat stat = new Stat();
    String path =
        client
            .create()
            .storingStatIn(stat)
            .creatingParentContainersIfNeeded()
            .withProtection()
            .withMode(CreateMode.EPHEMERAL_SEQUENTIAL)
            .forPath(parent + "/" + kind, data);
    long czxid = stat.getCzxid();
    long owner = stat.getEphemeralOwner();
    if (czxid == 0) {
      // Found again by protection after a lost reply: the Stat was never filled in.
      Stat found;
      try {
        found = client.checkExists().forPath(path);
      } catch (Exception e) {
        // The caller never learns of this node: do not leave it queued for the session's life.
        BackgroundWork.of(client).delete(path, "queue node whose create reply was lost");
        throw e;
      }
      if (found == null) {
        throw new org.apache.zookeeper.KeeperException.NoNodeException(path);
      }
      czxid = found.getCzxid();
      owner = found.getEphemeralOwner();
    }
    return new Created(path, czxid, owner);
  }

  /**
   * Lists the queue in order (lowest sequence first). Children that are not queue nodes are
   * skipped.
   *
   * @param names the children's names from {@code getChildren}
   * @return the queue, in order
   */
  public static List<Child> sorted(List<String> names) {
    List<Child> out = new ArrayList<>(names.size());
    for (String n : names) {
      Child c = parse(n);
      if (c != null) {
        out.add(c);
      }
    }
    out.sort(Comparator.comparingLong(Child::sequence));
    return out;
  }

  /**
   * The position of {@code path}'s node in {@code queue}.
   *
   * @param queue the queue, in order
   * @param path the full path of a node
   * @return its index, or -1 if it is not in the queue
   */
  public static int indexOf(List<Child> queue, String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  // ZooKeeper appends String.format("%010d", cversion) of the parent's signed 32-bit child
  // version, so past 2^31 children changes the suffix turns negative: "-000000001" (10 characters)
  // or "-2147483648" (11). Read as unsigned, the order of creation holds up to 2^32 changes of one
  // directory (a lock directory is a container: it goes when empty and a new one starts at 0).
  private static @org.jspecify.annotations.Nullable Child parse(String name) {
    String rest = name;
    if (rest.startsWith(PROTECTED_PREFIX) && rest.length() > PROTECTED_LENGTH) {
      rest = rest.substring(PROTECTED_LENGTH);
    }
    int n = rest.length();
    if (n <= SEQUENCE_DIGITS || !digits(rest, n - SEQUENCE_DIGITS + 1, n)) {
      return null;
    }
    int start;
    char first = rest.charAt(n - SEQUENCE_DIGITS);
    if (first == '-') {
      start = n - SEQUENCE_DIGITS; // "-" and 9 digits
    } else if (first < '0' || first > '9') {
      return null;
    } else if (n > SEQUENCE_DIGITS + 1
        && rest.charAt(n - SEQUENCE_DIGITS - 1) == '-'
        && kindEndsAt(rest, n - SEQUENCE_DIGITS - 1)) {
      start = n - SEQUENCE_DIGITS - 1; // "-" and 10 digits: below -999,999,999
    } else {
      start = n - SEQUENCE_DIGITS;
    }
    int cversion;
    try {
      cversion = Integer.parseInt(rest, start, n, 10);
    } catch (NumberFormatException e) {
      return null;
    }
    return new Child(name, rest.substring(0, start), Integer.toUnsignedLong(cversion));
  }

  // Kinds end in one '-' ("lease-"), so a '-' before the digits that follows another '-' is a sign.
  private static boolean kindEndsAt(String s, int minus) {
    return minus > 0 && s.charAt(minus - 1) == '-';
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
