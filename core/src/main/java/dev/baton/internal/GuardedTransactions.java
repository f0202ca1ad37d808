package dev.baton.internal;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.Guard;
import dev.baton.LeaseLostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.CuratorZookeeperClient;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.TypeAndPath;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The one place where writes are committed atomically with {@code multi()}, optionally behind a
 * {@link Guard}: the guard's node is checked in the same transaction, so a holder that lost its
 * lease cannot land a write. {@link #commitOnce} also survives a lost reply: the transaction
 * carries a marker (see {@link CommitProof}), and Baton rather than Curator retries, reading the
 * marker before anything is sent again.
 */
public final class GuardedTransactions {
  private GuardedTransactions() {}

  /**
   * Commits {@code ops} as one transaction; Curator retries it after a connection loss, so it may
   * be applied twice or misreported when only a reply was lost. Only for callers that look again
   * themselves; writes that must report the truth use {@link #commitOnce}.
   *
   * @param client the client
   * @param guard the guard, or {@code null} for an unguarded transaction
   * @param ops the operations, in order
   * @param subject the key or path the transaction is about, for error messages
   * @return the results of {@code ops} (the guard's check excluded)
   * @throws LeaseLostException if the guard is known lost, or its node is gone; nothing was written
   * @throws KeeperException if one of {@code ops} failed (callers map it to their own meaning, e.g.
   *     a version conflict); nothing was written
   * @throws CoordinationException for any other failure
   */
  public static List<CuratorTransactionResult> commit(
      CuratorFramework client, @Nullable Guard guard, List<CuratorOp> ops, String subject)
      throws KeeperException {
    List<CuratorOp> all = withGuard(client, guard, ops, subject);
    try {
      List<CuratorTransactionResult> results = client.transaction().forOperations(all);
      return guard == null ? results : results.subList(1, results.size());
    } catch (Exception e) {
      throw failure(guard, subject, e);
    }
  }

  /**
   * Commits {@code ops} as one transaction, at most once. After a connection loss Baton, not
   * Curator, retries (within the client's retry policy): first {@code proof} tells from the
   * server's state whether the attempt already committed; only if it did not is the transaction
   * sent again, and only while the guard still {@linkplain Guard#checkValid() holds}. The caller
   * adds the op that writes the proof's marker to {@code ops}.
   *
   * @param client the client
   * @param guard the guard, or {@code null} for an unguarded transaction
   * @param ops the operations, in order, including the marker's
   * @param subject the key or path the transaction is about, for error messages
   * @param proof recognises an earlier attempt of this transaction
   * @return the results of {@code ops} (the guard's check excluded), or {@code null} if the
   *     transaction committed but its reply was lost, so its results are unknown
   * @throws LeaseLostException if the guard is known lost, or its node is gone: nothing was
   *     written, unless the message says the outcome is unknown (the holding was lost while a reply
   *     was outstanding, and the server's state cannot tell)
   * @throws KeeperException if one of {@code ops} failed; nothing was written
   * @throws dev.baton.ConnectionLostException if the outcome cannot be known: the retries ran out,
   *     or the reply was lost and the server's state cannot tell
   * @throws CoordinationException for any other failure
   */
  public static @Nullable List<CuratorTransactionResult> commitOnce(
      CuratorFramework client,
      @Nullable Guard guard,
      List<CuratorOp> ops,
      String subject,
      CommitProof proof)
      throws KeeperException {
    List<CuratorOp> all = withGuard(client, guard, ops, subject);
    List<Op> raw = new ArrayList<>(all.size());
    all.forEach(op -> raw.add(op.get()));
    CuratorZookeeperClient zc = client.getZookeeperClient();
    long[] sentOn = {0}; // the session an attempt went out on, 0 if none may have
    try {
      List<OpResult> results =
          RetryLoop.callWithRetry(
              zc,
              () -> {
                zc.internalBlockUntilConnectedOrTimedOut();
                ZooKeeper zk = zc.getZooKeeper();
                if (sentOn[0] != 0) {
                  switch (proof.check(zk, sentOn[0])) {
                    case COMMITTED:
                      return null;
                    case UNKNOWN:
                      throw unknownOutcome(guard, subject);
                    case NOT_COMMITTED:
                      sentOn[0] = 0;
                  }
                }
                if (guard != null) {
                  checkGuard(guard, subject); // never sent (again) once the holding is invalid
                }
                sentOn[0] = zk.getSessionId();
                return zk.multi(raw);
              });
      if (results == null) {
        return null;
      }
      List<CuratorTransactionResult> wrapped = wrap(client, all, results);
      return guard == null ? wrapped : wrapped.subList(1, wrapped.size());
    } catch (Exception e) {
      throw failure(guard, subject, e);
    }
  }

  private static CoordinationException unknownOutcome(@Nullable Guard guard, String subject) {
    String why =
        "write outcome unknown: its reply was lost with the connection, and the server's state"
            + " cannot tell whether it landed (written over by another writer meanwhile, or the"
            + " session ended)";
    if (guard != null) {
      try {
        guard.checkValid();
      } catch (LeaseLostException lost) {
        // The holding is gone either way: say so first, as for any guarded write refused.
        return LeaseLostException.outcomeUnknown(
            subject, why + "; " + withoutSubject(lost, subject), lost);
      }
    }
    return new ConnectionLostException(subject, why, null);
  }

  private static List<CuratorOp> withGuard(
      CuratorFramework client, @Nullable Guard guard, List<CuratorOp> ops, String subject) {
    List<CuratorOp> all = new ArrayList<>(ops.size() + 1);
    if (guard != null) {
      checkGuard(guard, subject);
      try {
        all.add(client.transactionOp().check().forPath(guard.guardPath()));
      } catch (Exception e) {
        throw ZkErrors.translate(subject, "prepare guarded write", e);
      }
    }
    all.addAll(ops);
    return all;
  }

  /** The lease's path is named once: as the subject, or else in the reason. */
  private static String withoutSubject(CoordinationException e, String subject) {
    return subject.equals(e.path()) ? e.reason() : e.getMessage();
  }

  private static void checkGuard(Guard guard, String subject) {
    try {
      guard.checkValid();
    } catch (LeaseLostException e) {
      // Name what was being written, not only the lease: the caller knows its key, not its lease.
      throw new LeaseLostException(subject, "write refused: " + withoutSubject(e, subject), e);
    }
  }

  /** Maps a failed commit: a failed guard check, connection trouble, or an op's own failure. */
  private static KeeperException failure(@Nullable Guard guard, String subject, Exception e) {
    if (e instanceof KeeperException ke) {
      if (guard != null && guardFailed(ke)) {
        throw new LeaseLostException(
            subject,
            "write refused: the guarding lease or leadership ("
                + (subject.equals(guard.guardPath()) ? "" : guard.guardPath() + ", ")
                + "token "
                + guard.fencingToken()
                + ") is no longer held",
            ke);
      }
      if (isConnectionProblem(ke) || ke.code() == KeeperException.Code.NOAUTH) {
        throw ZkErrors.translate(subject, "write", ke);
      }
      return ke;
    }
    throw ZkErrors.translate(subject, "write", e);
  }

  /** Curator's results for the raw ones: paths without the namespace, as Curator gives them. */
  private static List<CuratorTransactionResult> wrap(
      CuratorFramework client, List<CuratorOp> ops, List<OpResult> results) {
    List<CuratorTransactionResult> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      TypeAndPath tp = ops.get(i).getTypeAndPath();
      OpResult r = results.get(i);
      String resultPath = null;
      Stat stat = null;
      if (r instanceof OpResult.CreateResult created) {
        resultPath = withoutNamespace(client, created.getPath());
        stat = created.getStat();
      } else if (r instanceof OpResult.SetDataResult set) {
        stat = set.getStat();
      }
      out.add(new CuratorTransactionResult(tp.getType(), tp.getForPath(), resultPath, stat));
    }
    return out;
  }

  private static String withoutNamespace(CuratorFramework client, String path) {
    String ns = client.getNamespace();
    if (ns == null || ns.isEmpty() || !path.startsWith("/" + ns)) {
      return path;
    }
    String rest = path.substring(ns.length() + 1);
    return rest.isEmpty() ? "/" : rest;
  }

  private static boolean guardFailed(KeeperException e) {
    List<OpResult> results = e.getResults();
    if (results == null || results.isEmpty()) {
      return e.code() == KeeperException.Code.NONODE;
    }
    return firstFailure(e) == 0;
  }

  /**
   * Where a {@code multi()} failed: the index, among the operations sent, of the first one that
   * failed on its own account (the others report OK or RUNTIMEINCONSISTENCY, rolled back because of
   * it). The one scan of failed transactions' results that every writer uses.
   *
   * @param e the failure of a {@code multi()}
   * @return the index, or -1 if {@code e} carries no result that failed
   */
  public static int firstFailure(KeeperException e) {
    List<OpResult> results = e.getResults();
    if (results == null) {
      return -1;
    }
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i) instanceof OpResult.ErrorResult err
          && err.getErr() != KeeperException.Code.OK.intValue()
          && err.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isConnectionProblem(KeeperException e) {
    return switch (e.code()) {
      case CONNECTIONLOSS, SESSIONEXPIRED, SESSIONMOVED, OPERATIONTIMEOUT -> true;
      default -> false;
    };
  }
}
