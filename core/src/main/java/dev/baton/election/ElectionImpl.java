package dev.baton.election;

import dev.baton.ConnectionEvent;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Listeners;
import dev.baton.internal.Parts;
import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import dev.baton.internal.SessionClock;
import dev.baton.internal.Sessions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The election's state machine. ZooKeeper work runs on one thread per election, in order; a
 * fail-safe revocation runs on the connection-state thread, so it never waits behind a blocked
 * ZooKeeper call. Leadership changes happen under this object's monitor, which also queues the
 * matching notification; {@link ElectionEvents} delivers it after the monitor is released,
 * serially, so listeners hear elected and revoked strictly alternating and never run with the
 * monitor held.
 */
final class ElectionImpl implements LeaderElection {
  private static final Logger LOG = LoggerFactory.getLogger(ElectionImpl.class);

  record Registration(ElectionListener listener, Executor executor) {}

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final Coordinator coord;
  private final CuratorFramework client;
  private final String name;
  private final String dir;
  private final String participantId;
  private final byte[] nodeData;
  private final SuspendPolicy policy;
  private final boolean observer;
  private final ElectionEvents events;
  private final LeaderWatch leaderWatch;
  private final CountDownLatch joined = new CountDownLatch(1);
  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final @Nullable ElectionThread thread;
  private @Nullable SessionClock clock;
  private @Nullable ListenerHandle connection;
  // Set on the election thread (join); cleared there, by relinquish() under this monitor, or by
  // close(), which reads it to delete the node without waiting for the thread.
  private volatile QueueNodes.@Nullable Created ourNode;
  private volatile @Nullable LeadershipImpl current; // written under this

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

  ElectionImpl(
      Coordinator coord,
      String name,
      String participantId,
      byte[] data,
      SuspendPolicy policy,
      List<Registration> registrations,
      boolean observer) {
    this.coord = coord;
    this.client = coord.curator();
    this.name = name;
    this.dir = "/elections/" + name;
    this.participantId = participantId;
    this.nodeData = ParticipantNodes.encode(participantId, data);
    this.policy = policy;
    this.observer = observer;
    Listeners<ElectionListener> listeners = new Listeners<>("election '" + name + "'");
    registrations.forEach(r -> listeners.add(r.listener(), r.executor()));
    this.events = new ElectionEvents(name, listeners);
    this.leaderWatch = new LeaderWatch(coord, name, dir, events);
    this.thread = observer ? null : new ElectionThread(name, () -> state.get() == State.STARTED);
  }

  void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("election '" + name + "' already started");
    }
    Parts.of(coord).manage(this);
    leaderWatch.start(coord);
    if (!observer) {
      clock = SessionClock.of(coord);
      connection = coord.addConnectionListener(this::onConnection);
      submit(this::join);
    }
  }

  // ---- the state machine (election thread) ----

  private void join() throws Exception {
    if (state.get() != State.STARTED) {
      return;
    }
    if (ourNode == null) {
      SessionClock c = requireClock();
      long sent = c.now();
      QueueNodes.Created created = QueueNodes.create(client, dir, ParticipantNodes.KIND, nodeData);
      c.heard(created.owner(), sent); // a write: the leader answered it
      ourNode = created;
      joined.countDown();
      if (state.get() != State.STARTED) {
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
    if (state.get() != State.STARTED || node == null) {
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
      revoke(
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
      if (!c.prove(node.owner(), c.validity()) || !elect(node, c)) {
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

  /** Elects this participant on {@code node}; false if the clock cannot vouch for its session. */
  private synchronized boolean elect(QueueNodes.Created node, SessionClock c) {
    if (current != null || ourNode != node || state.get() != State.STARTED) {
      return true; // already leading, relinquishing (the node is being deleted), or closed
    }
    if (!Sessions.writable(client) || Sessions.live(client) != node.owner()) {
      // Disconnected, or read-only (a member without a quorum: what it lists may be long gone),
      // or the node is not the live session's: RECONNECTED checks again.
      return true;
    }
    if (!c.isFresh(node.owner())) {
      return false; // the leader has not answered for the session lately
    }
    LeadershipImpl l =
        new LeadershipImpl(
            client,
            name,
            participantId,
            node.path(),
            node.czxid(),
            node.owner(),
            policy == SuspendPolicy.FAIL_SAFE,
            requireClock(),
            this::lapsed);
    current = l;
    LOG.info("{} leads election '{}' with epoch {}", participantId, name, l.epoch());
    events.elected(l);
    notifyAll();
    return true;
  }

  /**
   * Ends the current leadership (only if it is {@code expected}, when given) and queues {@code
   * onRevoked}; never waits for a listener.
   *
   * @return completes once the listeners were handed the revocation
   */
  private synchronized CompletableFuture<@Nullable Void> revoke(
      @Nullable LeadershipImpl expected, Reason reason) {
    LeadershipImpl l = current;
    if (l == null || (expected != null && l != expected)) {
      return CompletableFuture.completedFuture(null);
    }
    current = null;
    l.end(reason.toString());
    LOG.info(
        "{} no longer leads election '{}' (epoch {}): {}", participantId, name, l.epoch(), reason);
    return events.revoked(l, reason);
  }

  /**
   * A leadership found itself invalid on its own (disconnected, or silence): end it here too.
   * Called from {@code isValid()} on any thread, which must not wait for this election's monitor,
   * so the work is handed to the events thread.
   */
  private void lapsed(LeadershipImpl l) {
    events.execute(
        () -> {
          if (current != l || state.get() != State.STARTED) {
            return;
          }
          boolean connected = client.getZookeeperClient().isConnected();
          revoke(l, connected ? Reason.NO_CONTACT : Reason.SUSPENDED);
          if (connected) {
            // Still first and connected: elected again (same epoch) once the leader answers.
            submit(this::check);
          }
        });
  }

  private void onConnection(ConnectionEvent event) {
    if (state.get() != State.STARTED) {
      return;
    }
    switch (event.state()) {
      case SUSPENDED, READ_ONLY -> {
        // Read-only is no better than suspended: the member has lost its quorum.
        if (policy == SuspendPolicy.FAIL_SAFE) {
          revoke(null, Reason.SUSPENDED);
        }
      }
      case LOST -> revoke(null, Reason.SESSION_LOST);
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

  // ---- the API ----

  @Override
  public boolean isLeader() {
    LeadershipImpl l = current;
    return l != null && l.isValid();
  }

  @Override
  public Optional<Leadership> currentLeadership() {
    LeadershipImpl l = current;
    return l != null && l.isValid() ? Optional.of(l) : Optional.empty();
  }

  @Override
  public Optional<Participant> currentLeader() {
    List<Participant> first = ParticipantNodes.read(client, dir, 1);
    return first.isEmpty() ? Optional.empty() : Optional.of(first.get(0));
  }

  @Override
  public List<Participant> participants() {
    return ParticipantNodes.read(client, dir, Integer.MAX_VALUE);
  }

  @Override
  public boolean awaitJoined(Duration timeout) throws InterruptedException {
    long nanos = dev.baton.internal.Names.timeoutNanos("timeout", timeout);
    CountDownLatch done = observer ? leaderWatch.firstRead() : joined;
    return done.await(nanos, TimeUnit.NANOSECONDS) && state.get() == State.STARTED;
  }

  @Override
  public ListenerHandle addListener(ElectionListener listener) {
    return events.listeners().add(listener);
  }

  @Override
  public ListenerHandle addListener(ElectionListener listener, Executor executor) {
    return events.listeners().add(listener, executor);
  }

  @Override
  public void removeListener(ElectionListener listener) {
    events.listeners().remove(listener);
  }

  @Override
  public synchronized Optional<Leadership> awaitLeadership(Duration timeout)
      throws InterruptedException {
    requireParticipant();
    long deadline = System.nanoTime() + dev.baton.internal.Names.timeoutNanos("timeout", timeout);
    while (true) {
      LeadershipImpl l = current;
      if (l != null && l.isValid()) {
        return Optional.of(l);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || state.get() == State.CLOSED) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
  }

  @Override
  public boolean relinquish() {
    requireParticipant();
    if (state.get() != State.STARTED) {
      throw new IllegalStateException("election '" + name + "' is closed");
    }
    QueueNodes.Created node;
    CompletableFuture<@Nullable Void> told;
    synchronized (this) {
      node = ourNode;
      if (current == null || node == null) {
        return false;
      }
      // From here the election thread sees no node of ours: it cannot elect this participant
      // again on the node being deleted (elect() checks), and close() leaves the delete to us.
      ourNode = null;
      told = revoke(null, Reason.RELINQUISHED);
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

  @Override
  public String participantId() {
    return participantId;
  }

  @Override
  public void close() {
    State before = state.getAndSet(State.CLOSED);
    if (before == State.CLOSED) {
      return;
    }
    if (connection != null) {
      connection.close();
    }
    revoke(null, Reason.CLOSED);
    BackgroundWork work = BackgroundWork.of(client);
    leaderWatch.close(work);
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
    events.shutdown(work);
    synchronized (this) {
      notifyAll();
    }
    Parts.of(coord).unmanage(this);
  }

  private void requireParticipant() {
    if (observer) {
      throw new IllegalStateException("an observer of election '" + name + "' cannot lead");
    }
  }

  @Override
  public String toString() {
    return "LeaderElection{" + name + ", " + participantId + (isLeader() ? ", leader" : "") + "}";
  }
}
