package dev.baton.internal;

import dev.baton.ListenerHandle;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pinging of a {@link SessionClock}: the holds that keep it going, the one named scheduler
 * thread per coordinator that pings every period while held, and the lapse checks of the {@code
 * Holdings} that thread runs. The clock decides what an answer proves; this only sends and times.
 * Thread-safe.
 */
final class ClockPings {
  private static final Logger LOG = LoggerFactory.getLogger(SessionClock.class);

  private final SessionClock clock;
  private final LongSupplier ticker;
  private final Holdings held;
  private final ScheduledThreadPoolExecutor scheduler;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final SendLog sends = new SendLog(); // the pings sent since pinging last (re)started
  private int holders; // guarded by this
  private @Nullable ScheduledFuture<?> pinging; // guarded by this

  ClockPings(SessionClock clock, LongSupplier ticker, Holdings held) {
    this.clock = clock;
    this.ticker = ticker;
    this.held = held;
    this.scheduler = new ScheduledThreadPoolExecutor(1, NamedThreads.of("session-clock"));
    scheduler.setKeepAliveTime(1, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
    scheduler.setRemoveOnCancelPolicy(true);
  }

  /** The latest ping of {@code sessionId} sent by {@code before}: {@link SendLog#latest}. */
  long latestSent(long sessionId, long before) {
    return sends.latest(sessionId, before);
  }

  /** Keeps the clock pinging until the returned handle is closed: {@link SessionClock#hold()}. */
  ListenerHandle hold() {
    synchronized (this) {
      // Under the monitor close() takes to shut the scheduler down, so it cannot refuse this.
      if (!closed.get() && holders++ == 0 && pinging == null) {
        long period = LeaderProof.period(clock.timeoutNanos());
        // At once: until the pings are steady, each answer counts for less (see the
        // SessionClock comment), so the sooner they start, the sooner a new holder's validity is
        // full.
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

  synchronized boolean isPinging() {
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
    clock.readTimeout();
    long timeout = clock.timeoutNanos();
    long left = clock.proofUntil(timeout) - ticker.getAsLong();
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
    held.check(clock::staleness);
  }

  /** {@link SessionClock#ping(Runnable)}. */
  boolean ping(Runnable then) {
    long session = Sessions.live(clock.coordinator().curator());
    if (!Sessions.writable(clock.coordinator().curator()) || session == 0) {
      // Silent now: the next answers count as after a silence of unknown length (see LeaderProof).
      sends.clear();
      return false;
    }
    return sync(session, true, then);
  }

  /** Sends a sync for {@code session}, logged if {@code logged}; returns whether it was sent. */
  boolean sync(long session, boolean logged, Runnable then) {
    try {
      ZooKeeper zk = clock.coordinator().curator().getZookeeperClient().getZooKeeper();
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
              clock.heard(session, sent);
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
      LOG.debug("Session clock sync of {} not sent", clock.coordinator(), e);
      return false;
    }
  }

  /** Stops the pinging and the lapses for good; returns false if it already was. */
  boolean close() {
    synchronized (this) {
      if (!closed.compareAndSet(false, true)) {
        return false;
      }
      scheduler.shutdownNow();
      held.close();
    }
    return true;
  }
}
