package dev.baton.flink;

import dev.baton.lock.DistributedLock;
import dev.baton.lock.LockLease;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Commits a {@link LockGuardedCommitSink}'s batches under one lease per commit call. */
final class LockGuardedCommitter<T> implements Committer<LockGuardedCommitSink.Batch<T>> {
  private static final Logger LOG = LoggerFactory.getLogger(LockGuardedCommitter.class);

  private final LockGuardedCommitSink.CommitFunction<T> commit;
  private final Duration lockTimeout;
  private final SharedCoordinator baton;
  private final DistributedLock lock;
  private final Counter commits;
  private final Counter lockTimeouts;
  private volatile long lastToken;

  LockGuardedCommitter(
      CommitterInitContext context,
      String lockName,
      LockGuardedCommitSink.CommitFunction<T> commit,
      Duration lockTimeout,
      Configuration settings) {
    this.commit = commit;
    this.lockTimeout = lockTimeout;
    this.baton = SharedCoordinator.acquire(context, settings);
    try {
      this.lock = baton.awaitConnected().lock(lockName);
    } catch (RuntimeException e) {
      baton.close();
      throw e;
    }
    MetricGroup group = context.metricGroup().addGroup("baton");
    commits = group.counter("commits");
    lockTimeouts = group.counter("lockTimeouts");
    group.gauge("fencingToken", (Gauge<Long>) () -> lastToken);
  }

  @Override
  public void commit(Collection<CommitRequest<LockGuardedCommitSink.Batch<T>>> requests)
      throws IOException, InterruptedException {
    if (requests.isEmpty()) {
      return;
    }
    Optional<LockLease> acquired = lock.tryAcquire(lockTimeout);
    if (acquired.isEmpty()) {
      lockTimeouts.inc();
      LOG.warn(
          "Lock '{}' not acquired within {}: {} batch(es) retried later",
          lock.name(),
          lockTimeout,
          requests.size());
      requests.forEach(CommitRequest::retryLater);
      return;
    }
    try (LockLease lease = acquired.get()) {
      lastToken = lease.fencingToken();
      Iterator<CommitRequest<LockGuardedCommitSink.Batch<T>>> it = requests.iterator();
      while (it.hasNext()) {
        CommitRequest<LockGuardedCommitSink.Batch<T>> request = it.next();
        if (!lease.isValid()) {
          LOG.warn("Lease of lock '{}' lost while committing: the rest is retried", lock.name());
          request.retryLater();
          it.forEachRemaining(CommitRequest::retryLater);
          return;
        }
        commit.commit(request.getCommittable(), lease.fencingToken());
        commits.inc();
      }
    }
  }

  @Override
  public void close() {
    // The lock belongs to the shared coordinator (one per name): leases are released above.
    baton.close();
  }
}
