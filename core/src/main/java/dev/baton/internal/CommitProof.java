package dev.baton.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * How a transaction recognises its own earlier attempt after a connection loss: the attempt wrote a
 * unique marker in the same {@code multi()}, and the server's state tells whether it is there.
 * ZooKeeper gives no other way to learn the outcome of a request whose reply was lost, and sending
 * it again blindly applies it twice or misreports it (a create fails with NODEEXISTS, a versioned
 * write with BADVERSION).
 */
public interface CommitProof {
  /** What the server's state says about an attempt that may have been sent. */
  enum Verdict {
    /** The attempt took effect. */
    COMMITTED,
    /** The attempt did not take effect and never will: sending it again is safe. */
    NOT_COMMITTED,
    /** The state cannot tell (another writer overwrote the marker, or the session ended). */
    UNKNOWN
  }

  /**
   * Tells whether the attempt sent on session {@code sentOn} committed. Reads after a {@code sync},
   * so that a member lagging behind the leader cannot hide a committed attempt.
   *
   * @param zk the client's current handle (raw paths, namespace included)
   * @param sentOn the session id the attempt was sent on
   * @return the verdict
   * @throws KeeperException if the state cannot be read (a connection loss is retried)
   * @throws InterruptedException if interrupted
   */
  Verdict check(ZooKeeper zk, long sentOn) throws KeeperException, InterruptedException;

  /** {@return 16 random bytes, unique for every attempt in practice} */
  static byte[] newMarker() {
    byte[] marker = new byte[16];
    ThreadLocalRandom.current().nextBytes(marker);
    return marker;
  }

  /** {@return the marker as a node name part} */
  static String name(byte[] marker) {
    return HexFormat.of().formatHex(marker);
  }

  /**
   * The attempt set {@code rawPath}'s data to {@code marker}; before it, the node had {@code
   * versionBefore}. The data equal to the marker proves the commit; the version unchanged proves
   * the opposite (every write of that node would have bumped it); anything else is unknown.
   *
   * @param rawPath the marked node, namespace included
   * @param marker the attempt's marker
   * @param versionBefore the node's version when the attempt was prepared, -1 if unknown
   * @return the proof; {@link DataMarker#committedZxid()} gives the commit's zxid once proven
   */
  static DataMarker dataMarker(String rawPath, byte[] marker, int versionBefore) {
    return new DataMarker(rawPath, marker, versionBefore);
  }

  /**
   * The attempt created the ephemeral node {@code rawPath}, whose name nobody else uses. Its
   * existence proves the commit; its absence proves the opposite while the session is the one the
   * attempt was sent on (on another session, an ephemeral node may have gone with the old one).
   *
   * @param rawPath the marker node, namespace included
   * @return the proof; {@link EphemeralMarker#committedZxid()} gives the commit's zxid once proven
   */
  static EphemeralMarker ephemeralMarker(String rawPath) {
    return new EphemeralMarker(rawPath);
  }

  /** See {@link CommitProof#ephemeralMarker}. */
  final class EphemeralMarker implements CommitProof {
    private final String rawPath;
    private volatile long committedZxid = -1;

    private EphemeralMarker(String rawPath) {
      this.rawPath = rawPath;
    }

    @Override
    public Verdict check(ZooKeeper zk, long sentOn) throws KeeperException, InterruptedException {
      if (zk.getSessionId() != sentOn) {
        return Verdict.UNKNOWN;
      }
      Stat stat = SyncedRead.stat(zk, rawPath);
      if (stat == null) {
        return Verdict.NOT_COMMITTED;
      }
      committedZxid = stat.getCzxid(); // every op of one multi() shares its zxid
      return Verdict.COMMITTED;
    }

    /** {@return the zxid of the committed attempt, once {@link #check} proved it; else -1} */
    public long committedZxid() {
      return committedZxid;
    }
  }

  /** See {@link CommitProof#dataMarker}. */
  final class DataMarker implements CommitProof {
    private final String rawPath;
    private final byte[] marker;
    private final int versionBefore;
    private volatile long committedZxid = -1;

    private DataMarker(String rawPath, byte[] marker, int versionBefore) {
      this.rawPath = rawPath;
      this.marker = marker.clone();
      this.versionBefore = versionBefore;
    }

    @Override
    public Verdict check(ZooKeeper zk, long sentOn) throws KeeperException, InterruptedException {
      SyncedRead.Data read = SyncedRead.data(zk, rawPath);
      if (read == null) {
        return Verdict.UNKNOWN;
      }
      if (Arrays.equals(read.data(), marker)) {
        committedZxid = read.stat().getMzxid();
        return Verdict.COMMITTED;
      }
      return read.stat().getVersion() == versionBefore ? Verdict.NOT_COMMITTED : Verdict.UNKNOWN;
    }

    /** {@return the zxid of the committed attempt, once {@link #check} proved it; else -1} */
    public long committedZxid() {
      return committedZxid;
    }
  }
}
