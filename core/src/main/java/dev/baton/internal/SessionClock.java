package dev.baton.internal;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's own idea of whether a session can still be alive on the ZooKeeper ensemble,
 * independent of what the ZooKeeper client has reported.
 *
 * <p>Why: a process that stops (a long GC pause, SIGSTOP, a suspended VM) hears nothing while it is
 * stopped; on resume, the client needs a few hundred milliseconds to notice that its session is
 * gone, and a lease holder that checks and writes in that window writes as if it still held the
 * lease. And a follower cut off from the leader keeps answering reads from its own copy for up to
 * {@code syncLimit × tickTime}, while the leader, the only member that expires sessions, may
 * already have expired this one. So only answers that went through the leader count ({@link
 * #heard(long, long)}): the clock's own ping is a {@code sync}, and recipes report their writes.
 *
 * <p>A request the leader answered proves the session alive for a while after it was sent, less
 * than one session timeout: {@code LeaderProof} has the rule and why.
 *
 * <p>Freshness belongs to one session: answers are recorded for the session that sent the request,
 * and {@link #isFresh(long)} is false for any session but the live one, so a holding created by an
 * earlier session is invalid the moment the client has a new one, whatever the connection-state
 * listeners are doing. A read-only connection is never fresh: it cannot reach the leader.
 *
 * <p>While at least one lease or leadership {@linkplain #hold() holds} the clock, it pings every
 * eighth of the session timeout from one named scheduler thread per coordinator; a period with no
 * holder at its end stops the pinging, and the thread ends a second later. The same thread ends the
 * holdings it can no longer vouch for ({@link #hold(long, boolean, Runnable)}), so their listeners
 * hear it when the clock runs out, not only when the connection is suspended.
 *
 * <p>Thread-safe.
 */
public final class SessionClock implements AutoCloseable {
  /** Part of the session timeout kept as a safety margin for clock rates, in percent. */
  public static final int MARGIN_PERCENT = 10;

  private static final Logger LOG = LoggerFactory.getLogger(SessionClock.class);

  private final Coordinator coord;
  private final LongSupplier ticker;
  private final ScheduledThreadPoolExecutor scheduler;
  private final AtomicReference<LeaderProof> proof = new AtomicReference<>(LeaderProof.NONE);
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long timeoutNanos;
  private final SendLog sends = new SendLog(); // the pings sent since pinging last (re)started
  private final Holdings held = new Holdings();
  private int holders; // guarded by this
  private @Nullable ScheduledFuture<?> pinging; // guarded by this

  SessionClock(Coordinator coord, LongSupplier ticker) {
    this.coord = coord;
    this.ticker = ticker;
    this.scheduler = new ScheduledThreadPoolExecutor(1, NamedThreads.of("session-clock"));
    scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /**
   * The clock of {@code coord}, created on first use and closed with the coordinator.
   *
   * @param coord the coordinator
   * @return its clock
   * @throws IllegalStateException if the coordinator is closed
   */
  public static SessionClock of(Coordinator coord) {
    return Parts.of(coord)
        .shared(SessionClock.class, () -> new SessionClock(coord, System::nanoTime));
  }

  /**
   * Records that the ZooKeeper <em>leader</em> answered a request of session {@code sessionId} sent
   * at {@code sentAtNanos} (a value of {@link #now()}): a {@code sync} or a write, never a plain
   * read, which any member answers from its own copy. Answers for a session other than the live one
   * are ignored; the first answer for a new live session replaces what was known of the old.
   *
   * @param sessionId the session that sent the request
   * @param sentAtNanos when the request was sent
   */
  public void heard(long sessionId, long sentAtNanos) {
    if (sessionId == 0 || sessionId != Sessions.live(coord.curator())) {
      return;
    }
    long timeout = timeoutNanos();
    long before = sends.latest(sessionId, LeaderProof.reportedBy(sentAtNanos, timeout));
    proof.accumulateAndGet(
        LeaderProof.of(sessionId, sentAtNanos, timeout, before), LeaderProof::or);
  }

  /**
   * Asks the leader now, and waits for its answer, if session {@code sessionId} is not fresh: for a
   * holding that is about to start after a wait in a queue, whose last proof may be old.
   *
   * @param sessionId the session that created the holding
   * @param timeout how long to wait for the answer at most
   * @return whether the session is fresh afterwards
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean prove(long sessionId, java.time.Duration timeout) throws InterruptedException {
    if (isFresh(sessionId)) {
      return true;
    }
    java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
    if (sync(sessionId, false, answered::countDown)) {
      answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
    return isFresh(sessionId);
  }

  /** {@return the current time of this clock, to pass to {@link #heard(long, long)} later} */
  public long now() {
    return ticker.getAsLong();
  }

  /**
   * Whether session {@code sessionId} is certainly still alive on the ensemble: it is the client's
   * live session, the connection is up and not read-only, and the leader answered one of its
   * requests recently enough (see the class comment).
   *
   * @param sessionId the session that created the holding
   * @return {@code true} while that session is certainly not expired
   */
  public boolean isFresh(long sessionId) {
    return staleness(sessionId, true) == null;
  }

  /**
   * Why session {@code sessionId} is not {@linkplain #isFresh(long) fresh}, in words for a log or
   * an exception.
   *
   * @param sessionId the session that created the holding
   * @param whileConnected whether the holding also ends as soon as the connection is down or
   *     read-only (a holding that tolerates suspensions lasts while the leader's last answer is
   *     recent enough)
   * @return the reason, or {@code null} if it is fresh
   */
  public @Nullable String staleness(long sessionId, boolean whileConnected) {
    ZooKeeper.States state = Sessions.state(coord.curator());
    if (whileConnected && (state == null || !state.isConnected())) {
      return "the connection to ZooKeeper is down";
    }
    if (whileConnected && state == ZooKeeper.States.CONNECTEDREADONLY) {
      return "the connection to ZooKeeper is read-only (the server lost its quorum)";
    }
    long current = Sessions.current(coord.curator());
    if (current != sessionId) {
      return "session 0x"
          + Long.toHexString(sessionId)
          + " that created it has ended (the client is now in session 0x"
          + Long.toHexString(current)
          + ")";
    }
    if (!proof.get().covers(sessionId, ticker.getAsLong(), timeoutNanos())) {
      return "the ZooKeeper leader has not answered for too long: the session may have expired";
    }
    return null;
  }

  /**
   * {@return whether the last answer counted in full: the clock saw its session send a ping early
   * enough before it (a quarter of the session timeout) for the leader to have heard of that ping}
   */
  public boolean isSteady() {
    return proof.get().steady();
  }

  /**
   * {@return how long after a steadily pinged session's last request the leader answered it still
   * counts as fresh}
   */
  public java.time.Duration validity() {
    return java.time.Duration.ofNanos(LeaderProof.validity(timeoutNanos()));
  }

  /** {@return how often the clock pings while held: an eighth of the session timeout} */
  public java.time.Duration period() {
    return java.time.Duration.ofNanos(LeaderProof.period(timeoutNanos()));
  }

  /**
   * Keeps the clock pinging until the returned handle is closed, and ends a holding (a lease or a
   * leadership) when the clock can no longer vouch for its session, without anyone asking: every
   * period, and when the leader's last answer runs out, the clock checks {@link #staleness(long,
   * boolean)} and, once it is not fresh, runs {@code lapse} (once, and never again for this hold)
   * on a lapse thread ({@code Holdings}), never on the thread that pings.
   *
   * @param sessionId the session that created the holding
   * @param whileConnected whether the holding also ends as soon as the connection is down or
   *     read-only
   * @param lapse ends the holding (typically its own validity check, which lapses it)
   * @return a handle that releases this hold; closing it twice is harmless
   */
  public ListenerHandle hold(long sessionId, boolean whileConnected, Runnable lapse) {
    Runnable remove = held.add(sessionId, whileConnected, lapse);
    ListenerHandle pings = hold();
    return () -> {
      remove.run();
      pings.close();
    };
  }

  /**
   * Keeps the clock pinging until the returned handle is closed.
   *
   * @return a handle that releases this hold; closing it twice is harmless
   */
  public ListenerHandle hold() {
    synchronized (this) {
      // Under the monitor close() takes to shut the scheduler down, so it cannot refuse this.
      if (!closed.get() && holders++ == 0 && pinging == null) {
        long period = LeaderProof.period(timeoutNanos());
        // At once: until the pings are steady, each answer counts for less (see the class
        // comment), so the sooner they start, the sooner a new holder's validity is full.
        pinging = scheduler.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
      }
    }
    AtomicBoolean released = new AtomicBoolean();
    return () -> {
      if (released.compareAndSet(false, true)) {
        release();
      }
    };
  }

  private synchronized void release() {
    // The pinging stops at its next period if no one holds by then (see ping), not here: a lock
    // taken and released in a loop would otherwise schedule and cancel a task, and wake the
    // scheduler thread, on every cycle.
    holders--;
  }

  /**
   * {@return whether keep-alive pings are scheduled: from the first hold until a period ends
   * unheld}
   */
  public synchronized boolean isPinging() {
    return pinging != null;
  }

  /** Stops the pinging if no one holds the clock; returns whether it stopped. */
  private synchronized boolean stopIfUnheld() {
    if (holders > 0) {
      return false;
    }
    if (pinging != null) {
      pinging.cancel(false);
      pinging = null;
    }
    sends.clear();
    return true;
  }

  private long timeoutNanos() {
    long t = timeoutNanos;
    if (t == 0) {
      t = readTimeout();
    }
    return t;
  }

  private long readTimeout() {
    try {
      long t = coord.negotiatedSessionTimeout().toNanos();
      timeoutNanos = t;
      return t;
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /**
   * One period of a held clock: lapses what it can no longer vouch for, pings, and sets a check for
   * when the leader's last answer runs out if that comes before the next period; or stops pinging
   * if no one holds the clock.
   */
  private void tick() {
    if (stopIfUnheld() || closed.get()) {
      return;
    }
    checkHoldings();
    ping(() -> {});
    readTimeout();
    long timeout = timeoutNanos();
    long left = proof.get().until(timeout) - ticker.getAsLong();
    if (!held.isEmpty() && left >= 0 && left < LeaderProof.period(timeout)) {
      try {
        scheduler.schedule(this::checkHoldings, left + 1, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        // Closed meanwhile.
      }
    }
  }

  /** Hands every holding the clock cannot vouch for any more to a lapse thread, once. */
  private void checkHoldings() {
    held.check(this::staleness);
  }

  /**
   * Sends one keep-alive ping on the live session and logs when it went out (the scheduler calls
   * this every period while the clock is held).
   *
   * @param then runs when the answer (or a failure) arrives, if the ping was sent
   * @return whether a ping was sent
   */
  boolean ping(Runnable then) {
    long session = Sessions.live(coord.curator());
    if (!Sessions.writable(coord.curator()) || session == 0) {
      // Silent now: the next answers count as after a silence of unknown length (see LeaderProof).
      sends.clear();
      return false;
    }
    return sync(session, true, then);
  }

  /** Sends a sync for {@code session}, logged if {@code logged}; returns whether it was sent. */
  private boolean sync(long session, boolean logged, Runnable then) {
    try {
      ZooKeeper zk = coord.curator().getZookeeperClient().getZooKeeper();
      if (zk.getSessionId() != session) {
        return false;
      }
      long sent = ticker.getAsLong();
      // The raw handle: no retries, no namespace. A sync is answered only once the leader has
      // processed it (a read would be answered by any member, even one cut off from the leader).
      zk.sync(
          "/",
          (rc, path, ctx) -> {
            if (rc == KeeperException.Code.OK.intValue()) {
              heard(session, sent);
            }
            then.run();
          },
          null);
      if (logged) {
        sends.sent(session, sent);
      }
      return true;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Session clock sync of {} not sent", coord, e);
      return false;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      scheduler.shutdownNow();
      held.close();
    }
    Parts.of(coord).unmanage(this);
  }

  @Override
  public String toString() {
    return "SessionClock{" + coord + "}";
  }
}
