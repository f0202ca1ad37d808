package dev.baton.election;

import dev.baton.Guard;
import dev.baton.GuardedOp;
import dev.baton.LeaseLostException;
import dev.baton.ListenerHandle;
import dev.baton.internal.GuardedOps;
import dev.baton.internal.GuardedWrites;
import dev.baton.internal.SessionClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.jspecify.annotations.Nullable;

/** One leadership: the leader's node, its epoch and a validity that only ever ends. */
final class LeadershipImpl implements Leadership, Guard {
  private final CuratorFramework client;
  private final String electionName;
  private final String participantId;
  private final String path;
  private final long epoch;
  private final long owner;
  private final boolean failSafe;
  private final SessionClock clock;
  private volatile @Nullable ListenerHandle clockHold; // set once the clock holds for this
  private final AtomicReference<@Nullable String> ended = new AtomicReference<>();
  private final Consumer<LeadershipImpl> onLapse;

  LeadershipImpl(
      CuratorFramework client,
      String electionName,
      String participantId,
      String path,
      long epoch,
      long owner,
      boolean failSafe,
      SessionClock clock,
      Consumer<LeadershipImpl> onLapse) {
    this.onLapse = onLapse;
    this.client = client;
    this.electionName = electionName;
    this.participantId = participantId;
    this.path = path;
    this.epoch = epoch;
    this.owner = owner;
    this.failSafe = failSafe;
    this.clock = clock;
    // The clock ends the leadership when it can no longer vouch for the session (see isValid), so
    // onRevoked comes when the clock runs out, without anyone polling.
    ListenerHandle hold = clock.hold(owner, failSafe, this::isValid);
    this.clockHold = hold;
    if (ended.get() != null) {
      hold.close(); // lapsed before the field was set: end() could not release the hold
    }
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public long fencingToken() {
    return epoch;
  }

  @Override
  public String guardPath() {
    return path;
  }

  @Override
  public String participantId() {
    return participantId;
  }

  @Override
  public String electionName() {
    return electionName;
  }

  @Override
  public boolean isValid() {
    if (ended.get() != null) {
      return false;
    }
    // The clock answers for the session that created the node: a leadership never outlives it.
    // Fail-safe, it also ends with the connection, and a read-only one counts as down.
    String stale = clock.staleness(owner, failSafe);
    if (stale != null) {
      lapse(stale);
      return false;
    }
    return true;
  }

  @Override
  public void checkValid() {
    if (!isValid()) {
      throw new LeaseLostException(
          path,
          "leadership of election '"
              + electionName
              + "' (epoch "
              + epoch
              + ") has ended: "
              + ended.get());
    }
  }

  @Override
  public Guard guard() {
    return this;
  }

  @Override
  public List<GuardedOp.Result> guardedWrite(List<GuardedOp> ops) {
    return GuardedWrites.write(client, this, ops);
  }

  @Override
  public List<CuratorTransactionResult> guardedTransaction(List<CuratorOp> ops) {
    return GuardedOps.commit(client, this, ops);
  }

  private void lapse(String why) {
    if (end(why)) {
      onLapse.accept(this);
    }
  }

  /** Ends the leadership; returns whether this call ended it. */
  boolean end(String why) {
    if (ended.compareAndSet(null, why)) {
      ListenerHandle hold = clockHold;
      if (hold != null) {
        hold.close();
      }
      return true;
    }
    return false;
  }

  String path() {
    return path;
  }

  @Override
  public String toString() {
    return "Leadership{"
        + electionName
        + ", "
        + participantId
        + ", epoch="
        + epoch
        + (ended.get() == null ? "" : ", ended")
        + "}";
  }
}
