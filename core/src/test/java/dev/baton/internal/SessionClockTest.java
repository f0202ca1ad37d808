package dev.baton.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionClockTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private Coordinator connect() throws InterruptedException {
    return TestCoordinators.connect(zk, "test/clock");
  }

  @Test
  void freshOnlyWithinTheSessionTimeoutMinusTheMarginSinceTheLastAnsweredRequestWasSent()
      throws Exception {
    Coordinator coord = connect();
    AtomicLong now = new AtomicLong(1_000_000_000L);
    SessionClock clock = new SessionClock(coord, now::get);
    long timeout = coord.negotiatedSessionTimeout().toNanos();
    long validity = SessionClock.validityNanos(timeout);
    assertEquals(timeout - timeout / 10, validity, "a 10% margin");

    assertFalse(clock.isFresh(), "never heard: not fresh");
    clock.heard(now.get());
    assertTrue(clock.isFresh());
    now.addAndGet(validity - 1);
    assertTrue(clock.isFresh(), "just inside the window");
    now.addAndGet(1);
    assertFalse(clock.isFresh(), "a paused process finds its session may be gone");
    clock.heard(now.get() - validity - 5); // an older answer does not move the clock back
    assertFalse(clock.isFresh());
    clock.heard(now.get());
    assertTrue(clock.isFresh());
    clock.close();
  }

  @Test
  void pingsWhileHeldAndStopsItsThreadWhenReleased() throws Exception {
    Coordinator coord = connect();
    SessionClock clock = SessionClock.of(coord);
    assertTrue(clock == SessionClock.of(coord), "one clock per coordinator");
    var hold = clock.hold();
    assertTrue(clock.isPinging());
    Await.until(Duration.ofSeconds(10), clock::isFresh, "a ping answered");
    hold.close();
    hold.close();
    // Not cancelled on release (a lock cycle would reschedule it every time) but by the first
    // period that ends with no holder.
    Duration period = coord.negotiatedSessionTimeout().dividedBy(3);
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
