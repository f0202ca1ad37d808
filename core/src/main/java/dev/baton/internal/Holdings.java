package dev.baton.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The leases and leaderships a session clock vouches for, and the threads that end them when it no
 * longer can. A lapse runs the holding's own validity check, which ends it and tells its listeners,
 * on a thread of its own (named {@code baton-session-clock-lapse-*}), never on the clock's: a
 * listener that blocks holds up neither the pings nor another holding's lapse. Idle lapse threads
 * end after a second. Thread-safe.
 */
final class Holdings {
  /** Why a session is not fresh, or {@code null} if it is: {@link SessionClock#staleness}. */
  interface Staleness {
    @Nullable String of(long sessionId, boolean whileConnected);
  }

  private record Held(long sessionId, boolean whileConnected, Runnable lapse) {}

  private final Set<Held> held = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor lapses =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          1,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          NamedThreads.of("session-clock-lapse"));

  /** Adds a holding; the returned action removes it. */
  Runnable add(long sessionId, boolean whileConnected, Runnable lapse) {
    Held h = new Held(sessionId, whileConnected, lapse);
    held.add(h);
    return () -> held.remove(h);
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  /** Hands every holding that {@code staleness} finds stale to a lapse thread, once. */
  void check(Staleness staleness) {
    for (Held h : held) {
      if (staleness.of(h.sessionId(), h.whileConnected()) != null && held.remove(h)) {
        try {
          lapses.execute(h.lapse());
        } catch (RejectedExecutionException closing) {
          return;
        }
      }
    }
  }

  /** Takes no more lapses; one under way still tells its listeners. */
  void close() {
    lapses.shutdown();
  }
}
