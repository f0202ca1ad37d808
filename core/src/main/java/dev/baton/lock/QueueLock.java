package dev.baton.lock;

import dev.baton.ConnectionEvent;
import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.internal.BackgroundWork;
import dev.baton.internal.Parts;
import dev.baton.internal.QueueNodes;
import dev.baton.internal.QueueNodes.Child;
import dev.baton.internal.SessionClock;
import dev.baton.internal.Sessions;
import dev.baton.internal.ZkErrors;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * The mechanism every lock shares: one queue of ephemeral-sequential nodes under {@code dir}, the
 * leases it handed out, and the connection listener that invalidates them. Policies decide who
 * holds; this class creates, waits, registers and releases.
 */
final class QueueLock implements AutoCloseable {
  /**
   * How long a release waits for ZooKeeper to confirm its delete (only while connected, never while
   * the coordinator closes); the delete then goes on in the background.
   */
  static final Duration RELEASE_WAIT = Duration.ofSeconds(1);

  private enum State {
    STARTED,
    CLOSED
  }

  private enum Turn {
    HOLD,
    GIVE_UP,
    VANISHED
  }

  private final Coordinator coord;
  private final CuratorFramework client;
  private final String dir;
  private final String description;
  private final SessionClock clock;
  private final byte[] holderData;
  private final AtomicReference<State> state = new AtomicReference<>(State.STARTED);
  private final Set<LeaseImpl> leases = ConcurrentHashMap.newKeySet();
  private final Set<CountDownLatch> waiters = ConcurrentHashMap.newKeySet();
  // Connection troubles, so an acquisition racing with one can tell whether it concerned its
  // session (a late LOST of an earlier session does not).
  private final AtomicLong troubles = new AtomicLong();
  private volatile long troubledSession;
  private final ListenerHandle connection;
  private final Runnable onClose;
  private final BackgroundWork work;

  QueueLock(Coordinator coord, String dir, String description, Runnable onClose) {
    this.onClose = onClose;
    this.coord = coord;
    this.client = coord.curator();
    this.dir = dir;
    this.description = description;
    this.clock = SessionClock.of(coord);
    this.holderData =
        (ManagementFactory.getRuntimeMXBean().getName()).getBytes(StandardCharsets.UTF_8);
    this.work = BackgroundWork.of(client);
    this.connection = coord.addConnectionListener(this::onConnection);
    try {
      Parts.of(coord).manage(this);
    } catch (IllegalStateException closed) {
      connection.close(); // the coordinator closed meanwhile: leave no listener behind
      throw closed;
    }
  }

  String dir() {
    return dir;
  }

  String description() {
    return description;
  }

  SessionClock clock() {
    return clock;
  }

  CuratorFramework client() {
    return client;
  }

  /** Connected and writable: a read-only connection can neither prove nor free anything. */
  boolean connected() {
    return Sessions.writable(client);
  }

  /**
   * Joins the queue and waits for {@code policy} to let the new node hold.
   *
   * @param timeoutNanos how long to wait; ignored unless {@code wait}
   * @param wait whether to wait at all
   * @return the lease, or {@code null} if not acquired in time
   */
  @Nullable LeaseImpl acquire(QueuePolicy policy, long timeoutNanos, boolean wait)
      throws InterruptedException {
    checkOpen();
    long deadline = System.nanoTime() + timeoutNanos;
    String path = null;
    try {
      while (true) {
        long troublesBefore = troubles.get();
        long sent = clock.now();
        QueueNodes.Created node = QueueNodes.create(client, dir, policy.kind(), holderData);
        clock.heard(node.owner(), sent); // a write: the leader answered it
        path = node.path();
        Turn turn = awaitTurn(path, policy, deadline, wait);
        if (turn == Turn.HOLD) {
          // After a wait in the queue the create's answer may be old, and the list that said it is
          // our turn may be a cut-off follower's stale copy: ask the leader again. No answer in
          // time: the node goes, and the acquisition queues again while time remains (then it is
          // not acquired), never hands out a lease the clock cannot vouch for.
          if (!clock.prove(node.owner(), proofWait(deadline))) {
            deleteInBackground(path);
            path = null;
            if (!wait || deadline - System.nanoTime() <= 0) {
              return null;
            }
            continue;
          }
          LeaseImpl lease = new LeaseImpl(this, path, node.czxid(), node.owner());
          leases.add(lease);
          path = null;
          if (state.get() != State.STARTED) {
            // close() ran before the add and could not release this lease.
            lease.forceRelease();
            throw new IllegalStateException(description + " is closed");
          }
          if (!connected()
              || (troubles.get() != troublesBefore && troubledSession == node.owner())) {
            lease.lose("the connection was suspended while acquiring");
          }
          return lease;
        }
        if (turn == Turn.GIVE_UP) {
          return null;
        }
        // VANISHED: the session ended while we queued; queue again if there is time.
        path = null;
        if (!wait || deadline - System.nanoTime() <= 0) {
          return null;
        }
      }
    } catch (InterruptedException | IllegalStateException e) {
      throw e; // interrupted, or the lock or coordinator closed while waiting
    } catch (Exception e) {
      throw ZkErrors.translate(dir, "acquire " + description, e);
    } finally {
      if (path != null) {
        deleteInBackground(path);
      }
    }
  }

  /**
   * How long to wait for the leader's answer before holding: what remains of the deadline, but at
   * least one clock period, so a turn that came just at the deadline is not refused to a healthy
   * session whose leader answers in milliseconds.
   */
  private Duration proofWait(long deadline) {
    long remaining = Math.max(0, deadline - System.nanoTime());
    return Duration.ofNanos(Math.max(remaining, clock.period().toNanos()));
  }

  // Watches are one-shot and set only on nodes that exist (or on the queue), so one left behind by
  // a waiter that gave up fires and disappears when that node leaves: nothing accumulates.
  private Turn awaitTurn(String path, QueuePolicy policy, long deadline, boolean wait)
      throws Exception {
    List<String> names = client.getChildren().forPath(dir);
    while (true) {
      List<Child> queue = QueueNodes.sorted(names);
      int me = QueueNodes.indexOf(queue, path);
      if (me < 0) {
        return Turn.VANISHED;
      }
      String blocker = policy.blocker(queue, me);
      if (blocker == null) {
        return Turn.HOLD;
      }
      long remaining = deadline - System.nanoTime();
      if (!wait || remaining <= 0) {
        return Turn.GIVE_UP;
      }
      CountDownLatch latch = new CountDownLatch(1);
      waiters.add(latch);
      if (state.get() != State.STARTED) {
        // close() ran before this latch was registered, so it could not wake it: do not wait.
        latch.countDown();
      }
      try {
        Watcher watcher = event -> latch.countDown();
        if (blocker.equals(QueuePolicy.WHOLE_QUEUE)) {
          List<String> fresh = client.getChildren().usingWatcher(watcher).forPath(dir);
          if (!fresh.equals(names)) {
            names = fresh;
            continue;
          }
        } else {
          try {
            // getData, not exists: a watch on a missing node would stay on the server forever.
            client.getData().usingWatcher(watcher).forPath(dir + "/" + blocker);
          } catch (KeeperException.NoNodeException gone) {
            names = client.getChildren().forPath(dir);
            continue;
          }
        }
        if (!latch.await(remaining, TimeUnit.NANOSECONDS)) {
          return Turn.GIVE_UP;
        }
      } finally {
        waiters.remove(latch);
      }
      checkOpen();
      // A read proves nothing for the clock: any member answers it, even one cut off.
      names = client.getChildren().forPath(dir);
    }
  }

  /**
   * Deletes a released lease's node with a guaranteed background delete, so that no close waits in
   * Curator's retry loop while ZooKeeper is unreachable.
   *
   * @return completes once the server confirmed, or the delete went on retrying in the background
   */
  CompletableFuture<Void> release(LeaseImpl lease) {
    leases.remove(lease);
    return deleteInBackground(lease.path());
  }

  /** Waits a bounded time for released nodes to go, so that the next holder may start at once. */
  void awaitReleased(CompletableFuture<Void> deleted) {
    work.awaitBriefly(deleted, RELEASE_WAIT);
  }

  CompletableFuture<Void> deleteInBackground(String path) {
    return work.delete(path, "node of " + description);
  }

  private void onConnection(ConnectionEvent event) {
    if (state.get() != State.STARTED) {
      return;
    }
    switch (event.state()) {
      case SUSPENDED, LOST, READ_ONLY -> {
        troubledSession = event.sessionId();
        troubles.incrementAndGet();
        String reason =
            switch (event.state()) {
              case LOST -> "the ZooKeeper session was lost";
              case READ_ONLY -> "the connection to ZooKeeper is read-only (no quorum)";
              default -> "the connection to ZooKeeper was suspended";
            };
        leases.stream()
            .filter(l -> l.sessionId() == 0 || l.sessionId() == event.sessionId())
            .forEach(l -> l.lose(reason));
      }
      case RECONNECTED, CONNECTED -> {
        if (!event.newSession()) {
          // Same session: nodes of lost leases still block the queue; free it for others.
          leases.stream().filter(LeaseImpl::isLost).forEach(l -> deleteInBackground(l.path()));
        }
      }
    }
    waiters.forEach(CountDownLatch::countDown);
  }

  void checkOpen() {
    Parts.of(coord).checkOpen();
    if (state.get() != State.STARTED) {
      throw new IllegalStateException(description + " is closed");
    }
  }

  @Override
  public void close() {
    if (!state.compareAndSet(State.STARTED, State.CLOSED)) {
      return;
    }
    connection.close();
    onClose.run();
    waiters.forEach(CountDownLatch::countDown);
    List<CompletableFuture<Void>> deletes = new ArrayList<>();
    for (LeaseImpl lease : List.copyOf(leases)) {
      deletes.add(lease.forceRelease());
    }
    Parts.of(coord).unmanage(this);
    awaitReleased(CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new)));
  }

  @Override
  public String toString() {
    return description;
  }
}
