package dev.baton.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionClockTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private Coordinator connect() throws InterruptedException {
    return TestCoordinators.connect(zk, "test/clock");
  }

  @Test
  void freshOnlyForTheLiveSessionAndOnlyWhileTheLeadersLastAnswerIsRecentEnough() throws Exception {
    Coordinator coord = connect();
    AtomicLong now = new AtomicLong(1_000_000_000L);
    SessionClock clock = new SessionClock(coord, now::get);
    long session = coord.sessionId();
    long timeout = coord.negotiatedSessionTimeout().toNanos();
    // Not pinging steadily: the client may have been silent for a third of the timeout before the
    // answered request, and the leader hears of it up to half a tick (a quarter of it) later.
    long window = timeout - timeout / 100 * SessionClock.MARGIN_PERCENT - timeout / 4 - timeout / 3;

    assertFalse(clock.isFresh(session), "never heard: not fresh");
    clock.heard(session, now.get());
    assertTrue(clock.isFresh(session));
    assertFalse(clock.isFresh(session + 1), "fresh for the session that was answered only");
    now.addAndGet(window - 1);
    assertTrue(clock.isFresh(session), "just inside the window");
    now.addAndGet(1);
    assertFalse(clock.isFresh(session), "a paused process finds its session may be gone");
    clock.heard(session, now.get() - window - 5); // an older answer does not move the clock back
    assertFalse(clock.isFresh(session));
    clock.heard(session + 1, now.get()); // not the live session: ignored
    assertFalse(clock.isFresh(session));
    clock.heard(session, now.get());
    assertTrue(clock.isFresh(session));
    assertTrue(
        clock.validity().toNanos() < timeout / 2 + timeout / 20,
        "steady pings give about half the timeout: " + clock.validity());
    clock.close();
  }

  @Test
  void aPauseBetweenPingsShortensWhatTheNextAnswerProves() throws Exception {
    Coordinator coord = connect();
    AtomicLong now = new AtomicLong(1_000_000_000L);
    SessionClock clock = new SessionClock(coord, now::get);
    long session = coord.sessionId();
    long timeout = coord.negotiatedSessionTimeout().toNanos();
    long period = timeout / 8;
    // Steady pings for half the timeout, as a held clock sends them.
    for (int i = 0; i < 5; i++) {
      pingAndAwaitAnswer(clock);
      now.addAndGet(period);
    }
    long lastBeforePause = now.get() - period;
    // The process stops (GC, SIGSTOP) for 0.6 T: no ping goes out, then one does, and is answered.
    now.set(lastBeforePause + timeout * 6 / 10);
    pingAndAwaitAnswer(clock);
    // The leader last heard of the session when the ping before the pause went out: it may expire
    // the session one timeout after that, whatever the one-period rhythm the clock meant to keep.
    long lapse = lastBeforePause + timeout - timeout / 100 * SessionClock.MARGIN_PERCENT;
    now.set(lapse - 1);
    assertTrue(clock.isFresh(session), "fresh until the measured silence says otherwise");
    now.set(lapse);
    assertFalse(
        clock.isFresh(session),
        "a pause between pings went unnoticed: fresh "
            + (lapse - lastBeforePause) / 1_000_000
            + " ms after the last ping before the pause");
    clock.close();
  }

  /** One ping of the clock, and its answer: ZooKeeper answers a session's requests in order. */
  private static void pingAndAwaitAnswer(SessionClock clock) throws Exception {
    CountDownLatch answered = new CountDownLatch(1);
    assertTrue(clock.ping(answered::countDown), "ping sent");
    assertTrue(answered.await(10, TimeUnit.SECONDS), "ping answered");
  }

  @Test
  void pingsWhileHeldAndStopsItsThreadWhenReleased() throws Exception {
    Coordinator coord = connect();
    SessionClock clock = SessionClock.of(coord);
    assertTrue(clock == SessionClock.of(coord), "one clock per coordinator");
    var hold = clock.hold();
    assertTrue(clock.isPinging());
    Await.until(Duration.ofSeconds(10), () -> clock.isFresh(coord.sessionId()), "a ping answered");
    hold.close();
    hold.close();
    // Not cancelled on release (a lock cycle would reschedule it every time) but by the first
    // period that ends with no holder.
    Duration period = coord.negotiatedSessionTimeout().dividedBy(8);
    Await.until(period.multipliedBy(3), () -> !clock.isPinging(), "pinging stopped once unheld");
    var again = clock.hold();
    assertTrue(clock.isPinging(), "a new hold pings again");
    again.close();
    coord.close();
    Await.until(
        Duration.ofSeconds(10),
        () ->
            Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("baton-session-clock")),
        "clock thread gone");
  }
}
