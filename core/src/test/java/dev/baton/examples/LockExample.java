package dev.baton.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.baton.Coordinator;
import dev.baton.GuardedOp;
import dev.baton.lock.LockLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The examples in {@code LockLease}'s, {@code LeaseListener}'s and {@code DistributedLock}'s
 * javadoc, compiled.
 */
final class LockExample {
  /** A store that refuses a commit whose fencing token is below the highest it has seen. */
  static final class FencedStore {
    private long highest = Long.MIN_VALUE;
    final List<String> committed = new ArrayList<>();
    final List<String> aborted = new ArrayList<>();

    synchronized void abort(String why) {
      aborted.add(why);
    }

    synchronized void commit(List<String> files, long token) {
      if (token < highest) {
        throw new IllegalStateException("stale token " + token + " < " + highest);
      }
      highest = token;
      committed.addAll(files);
    }
  }

  static FencedStore run(Coordinator coord) throws InterruptedException {
    FencedStore store = new FencedStore();
    List<String> files = List.of("part-0000.parquet");
    try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
      lease.addListener(lost -> store.abort("lease " + lost.path() + " lost"));
      lease.checkValid(); // throws LeaseLostException once lost
      store.commit(files, lease.fencingToken()); // the store refuses tokens below its highest
    }
    return store;
  }

  /** A guarded write with Baton's operations: both land while the lease holds, or neither. */
  static List<GuardedOp.Result> guardedCommit(Coordinator coord, byte[] manifest)
      throws InterruptedException {
    try (LockLease lease = coord.lock("hdfs-commit").acquire(Duration.ofSeconds(30))) {
      return lease.guardedWrite(
          List.of(
              GuardedOp.create("/commits/2026-11-29/part-0000", manifest), // parents created too
              GuardedOp.setData("/commits/latest", "part-0000".getBytes(UTF_8))));
    }
  }

  private LockExample() {}
}
