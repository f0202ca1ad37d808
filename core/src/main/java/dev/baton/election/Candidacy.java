package dev.baton.election;

import dev.baton.ConnectionEvent;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import dev.baton.internal.SessionClock;
import dev.baton.internal.Sessions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * A participant's place in an election: its node in the queue, and the predecessor watch and
 * re-checks that move it forward until {@link LeaderGrant} elects it. ZooKeeper work runs on one
 * thread per election, in order. The node changes hands under the grant's monitor, so the grant
 * never elects on a node being relinquished.
 *
 * <p>An observer's candidacy has no election thread: it never joins, so it never leads.
 */
final class Candidacy {
  private final CuratorFramework client;
  private final String name;
  private final String dir;
  private final byte[] nodeData;
  private final SuspendPolicy policy;
  private final ElectionEvents events;
  private final BooleanSupplier started;
  private final LeaderGrant grant;
  private final CountDownLatch joined = new CountDownLatch(1);
  private final @Nullable ElectionThread thread;
  private @Nullable SessionClock clock;
  // Set on the election thread (join); cleared there, by relinquish() under the grant's monitor,
  // or by stop(), which reads it to delete the node without waiting for the thread.
  private volatile QueueNodes.@Nullable Created ourNode;

  // One object for every registration: the client keeps a set of watchers per path, so checking
  // again (after each reconnect) cannot pile up copies. ZooKeeper also hands every connection
  // change to each watcher it holds without removing it; those are left to the connection
  // listener, which checks once per reconnect, or each delivery would check (and watch) again.
  private final Watcher predecessorWatcher =
      event -> {
        if (event.getType() != Watcher.Event.EventType.None) {
          submit(this::check);
        }
      };

  Candidacy(
      CuratorFramework client,
      String name,
      String dir,
      String participantId,
      byte[] nodeData,
      SuspendPolicy policy,
      ElectionEvents events,
      BooleanSupplier started,
      boolean observer) {
    this.client = client;
    this.name = name;
    this.dir = dir;
    this.nodeData = nodeData;
    this.policy = policy;
    this.events = events;
    this.started = started;
    this.thread = observer ? null : new ElectionThread(name, started);
    this.grant =
        new LeaderGrant(
            client, name, participantId, policy, events, started, () -> submit(this::check));
  }

  /** Sets the clock that vouches for the participant's session; before {@link #queue()}. */
  void useClock(SessionClock clock) {
    this.clock = clock;
  }

  /** Queues the participant's node, on the election thread. */
  void queue() {
    submit(this::join);
  }

  CountDownLatch joined() {
    return joined;
  }

  LeaderGrant grant() {
    return grant;
  }

  // ---- the state machine (election thread) ----

  private void join() throws Exception {
    if (!started.getAsBoolean()) {
      return;
    }
    if (ourNode == null) {
      SessionClock c = requireClock();
      long sent = c.now();
      QueueNodes.Created created = QueueNodes.create(client, dir, ParticipantNodes.KIND, nodeData);
      c.heard(created.owner(), sent); // a write: the leader answered it
      ourNode = created;
      joined.countDown();
      if (!started.getAsBoolean()) {
        // close() ran during the create and could not see this node.
        ourNode = null;
        ParticipantNodes.deleteInBackground(client, created.path());
        return;
      }
    }
    check();
  }

  private void check() throws Exception {
    QueueNodes.Created node = ourNode;
    if (!started.getAsBoolean() || node == null) {
      return;
    }
    SessionClock c = requireClock();
    // A read proves nothing for the clock: any member answers it, even one without a quorum.
    List<Child> queue = QueueNodes.sorted(client.getChildren().forPath(dir));
    int me = QueueNodes.indexOf(queue, node.path());
    long live = Sessions.live(client);
    if (me >= 0 && live != 0 && live != node.owner()) {
      me = -1; // a node of an ended session, listed by a read-only member's frozen copy: rejoin
    }
    if (me < 0) {
      // Gone with an expired session, or deleted by someone: stop leading, queue again.
      grant.revoke(
          null,
          client.getZookeeperClient().isConnected() ? Reason.NODE_DELETED : Reason.SESSION_LOST);
      ourNode = null;
      join();
      return;
    }
    if (me == 0) {
      // Waiting in the queue proved nothing, and this member's list may be a cut-off follower's
      // stale copy: lead only once the leader has answered for the session. If it does not, check
      // again on the next RECONNECTED or after one clock period, never elect on the stale list.
      if (!c.prove(node.owner(), c.validity()) || !grant.elect(node, n -> ourNode == n, c)) {
        submitLater(this::check, c.period());
      }
      return;
    }
    try {
      // One-shot, on a node that exists: it fires (and is gone) when that node leaves.
      client
          .getData()
          .usingWatcher(predecessorWatcher)
          .forPath(dir + "/" + queue.get(me - 1).name());
    } catch (KeeperException.NoNodeException gone) {
      check();
    }
  }

  void onConnection(ConnectionEvent event) {
    if (!started.getAsBoolean()) {
      return;
    }
    switch (event.state()) {
      case SUSPENDED, READ_ONLY -> {
        // Read-only is no better than suspended: the member has lost its quorum.
        if (policy == SuspendPolicy.FAIL_SAFE) {
          grant.revoke(null, Reason.SUSPENDED);
        }
      }
      case LOST -> grant.revoke(null, Reason.SESSION_LOST);
      case CONNECTED, RECONNECTED -> submit(this::check);
    }
  }

  private void submit(ElectionThread.Step step) {
    ElectionThread t = thread;
    if (t != null) {
      t.submit(step, this::join);
    }
  }

  private void submitLater(ElectionThread.Step step, Duration delay) {
    ElectionThread t = thread;
    if (t != null) {
      t.submitLater(step, delay, this::join);
    }
  }

  private SessionClock requireClock() {
    SessionClock c = clock;
    if (c == null) {
      throw new IllegalStateException("election '" + name + "' is not started");
    }
    return c;
  }

  // ---- called by the API ----

  /** Steps down and queues again at the back; false if this participant did not lead. */
  boolean relinquish() {
    QueueNodes.Created node;
    CompletableFuture<@Nullable Void> told;
    synchronized (grant) {
      node = ourNode;
      if (grant.current() == null || node == null) {
        return false;
      }
      // From here the election thread sees no node of ours: it cannot elect this participant
      // again on the node being deleted (elect() checks), and close() leaves the delete to us.
      ourNode = null;
      told = grant.revoke(null, Reason.RELINQUISHED);
    }
    // Queued behind onRevoked on the events thread, so the next leader cannot start while this
    // one is still being told to stop; no hop through the election thread on the way.
    CompletableFuture<@Nullable Void> deleted = new CompletableFuture<>();
    Runnable handOver =
        () -> {
          try {
            ParticipantNodes.delete(client, node.path());
          } finally {
            deleted.complete(null);
            submit(this::join); // at the back of the queue, in the background
          }
        };
    if (!events.execute(handOver)) {
      // Closed meanwhile: still delete, so the next participant is elected, but only once
      // onRevoked is out (the events thread still delivers what it had queued).
      if (!events.isCurrent()) {
        ElectionThread.await(told);
      }
      handOver.run();
    }
    if (!events.isCurrent()) {
      // Called from a listener, the delete runs right after it; otherwise wait for it (bounded).
      ElectionThread.await(deleted);
    }
    return true;
  }

  /**
   * The closing election's part after {@code onRevoked(CLOSED)} was queued: stops the election
   * thread and deletes the node.
   */
  void stop(BackgroundWork work) {
    joined.countDown();
    ElectionThread t = thread;
    if (t != null) {
      t.shutdown(work); // not waited for here: a step stuck in a retry must not hold up close
    }
    QueueNodes.Created node = ourNode;
    ourNode = null;
    if (node != null) {
      // After onRevoked(CLOSED) is delivered, so the next leader cannot start before this one heard
      // it must stop; in the background, since the end of the session removes the node anyway.
      Runnable delete = () -> ParticipantNodes.deleteInBackground(client, node.path());
      if (!events.execute(delete)) {
        delete.run();
      }
    }
  }
}
