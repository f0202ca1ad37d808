package dev.baton.internal;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's own idea of whether its session can still be alive, independent of what the
 * ZooKeeper client has reported.
 *
 * <p>Why: a process that stops (a long GC pause, SIGSTOP, a suspended VM) hears nothing while it is
 * stopped; on resume, the client needs a few hundred milliseconds to notice that its session is
 * gone, and a lease holder that checks and writes in that window writes as if it still held the
 * lease. The server expires a session only after it has heard nothing from the client for the
 * session timeout, so if the server answered a request that the client <em>sent</em> at time {@code
 * t}, the session lives at least until {@code t + timeout} on the server's clock. This clock
 * therefore records the send time of the last answered request ({@link #heard(long)}) and calls the
 * session fresh only while {@code now - lastHeard < timeout - margin}. The margin ({@value
 * #MARGIN_PERCENT}% of the timeout) absorbs rate differences between the client's and the server's
 * clocks; the server's tick rounding only lengthens sessions, so it needs none.
 *
 * <p>While at least one lease or leadership {@linkplain #hold() holds} the clock, it sends a cheap
 * read ({@code exists} on the root) every third of the session timeout from one named scheduler
 * thread per coordinator; a period with no holder at its end stops the pinging, and the thread ends
 * a second later.
 *
 * <p>Thread-safe.
 */
public final class SessionClock implements AutoCloseable {
  /** Part of the session timeout kept as a safety margin, in percent. */
  public static final int MARGIN_PERCENT = 10;

  private static final Logger LOG = LoggerFactory.getLogger(SessionClock.class);

  private final Coordinator coord;
  private final LongSupplier ticker;
  private final ScheduledThreadPoolExecutor scheduler;
  private final AtomicLong lastHeard;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long timeoutNanos;
  private int holders; // guarded by this
  private @Nullable ScheduledFuture<?> pinging; // guarded by this

  SessionClock(Coordinator coord, LongSupplier ticker) {
    this.coord = coord;
    this.ticker = ticker;
    this.lastHeard = new AtomicLong(ticker.getAsLong() - Long.MAX_VALUE / 4);
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
   * Records that the server answered a request sent at {@code sentAtNanos} ({@link
   * System#nanoTime()}), so the session was alive then.
   *
   * @param sentAtNanos when the answered request was sent
   */
  public void heard(long sentAtNanos) {
    lastHeard.accumulateAndGet(sentAtNanos, (a, b) -> b - a > 0 ? b : a);
  }

  /** {@return the current time of this clock, to pass to {@link #heard(long)} later} */
  public long now() {
    return ticker.getAsLong();
  }

  /**
   * Whether the session can still be alive on the server: the last answered request was sent less
   * than {@link #validity()} ago.
   *
   * @return {@code true} while the session is certainly not expired
   */
  public boolean isFresh() {
    long timeout = timeoutNanos();
    return timeout > 0 && ticker.getAsLong() - lastHeard.get() < validityNanos(timeout);
  }

  /** {@return how long after the last answered request the session still counts as fresh} */
  public java.time.Duration validity() {
    return java.time.Duration.ofNanos(validityNanos(timeoutNanos()));
  }

  /**
   * Keeps the clock pinging until the returned handle is closed.
   *
   * @return a handle that releases this hold; closing it twice is harmless
   */
  public ListenerHandle hold() {
    synchronized (this) {
      if (!closed.get() && holders++ == 0 && pinging == null) {
        long period = Math.max(timeoutNanos() / 3, TimeUnit.MILLISECONDS.toNanos(50));
        // The first ping waits one period: whoever takes a hold has just heard from the server
        // (locks and elections feed heard() from the reads that won them), and an immediate ping
        // would put a round trip in front of the holder's next request, e.g. the release.
        pinging = scheduler.scheduleAtFixedRate(this::ping, period, period, TimeUnit.NANOSECONDS);
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

  static long validityNanos(long timeoutNanos) {
    return timeoutNanos - timeoutNanos / 100 * MARGIN_PERCENT;
  }

  private void ping() {
    if (stopIfUnheld() || closed.get() || !coord.curator().getZookeeperClient().isConnected()) {
      return;
    }
    try {
      ZooKeeper zk = coord.curator().getZookeeperClient().getZooKeeper();
      long sent = ticker.getAsLong();
      // The raw handle: no retries, no namespace; any answer from the server proves the session
      // was alive when the request left, even NONODE under a chroot.
      zk.exists(
          "/",
          false,
          (rc, path, ctx, stat) -> {
            if (rc == KeeperException.Code.OK.intValue()
                || rc == KeeperException.Code.NONODE.intValue()) {
              heard(sent);
            }
          },
          null);
      readTimeout();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.debug("Session clock ping of {} not sent", coord, e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Parts.of(coord).unmanage(this);
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "SessionClock{" + coord + "}";
  }
}
