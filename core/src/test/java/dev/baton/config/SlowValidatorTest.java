package dev.baton.config;

import static dev.baton.TestCoordinators.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.Coordinator;
import dev.baton.TestCoordinators;
import dev.baton.codec.Codecs;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A slow validator (2.5 s, against the tests' 3 s session timeout) must hold up nothing but its own
 * key's watchers: not ZooKeeper's event thread, which carries the replies the lease's session clock
 * waits for and every other key's notifications.
 */
class SlowValidatorTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration SLOW = Duration.ofMillis(2500);

  private static boolean sampled(Runnable check) {
    check.run();
    return true;
  }

  @Test
  void aSlowValidatorLeavesALeaseValidAndOtherKeysOnTime() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "slow-validator");
    ConfigStore writer = TestCoordinators.connect(zk, "slow-validator").configs();
    writer.put("slow", Codecs.ofInt(), 0);
    writer.put("fast", Codecs.ofInt(), 0);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    ConfigWatcher<Integer> slow =
        coord
            .config("slow", Codecs.ofInt())
            .validator(
                v -> {
                  if (v > 0) {
                    started.incrementAndGet();
                    // The fault under test: a validator that takes most of a session timeout.
                    LockSupport.parkNanos(SLOW.toNanos());
                    finished.incrementAndGet();
                  }
                  return null;
                })
            .watch();
    ConfigWatcher<Integer> fast = coord.config("fast", Codecs.ofInt()).watch();
    LockLease lease = coord.lock("held").acquire(WAIT);
    AtomicBoolean lost = new AtomicBoolean();
    lease.addListener(l -> lost.set(true));

    // A holder checks its lease all the time; so do the waits below, throughout.
    AtomicBoolean invalidSeen = new AtomicBoolean();
    Runnable checkLease =
        () -> {
          if (!lease.isValid()) {
            invalidSeen.set(true);
          }
        };

    // Two slow validations back to back: longer than the session timeout in all.
    writer.put("slow", Codecs.ofInt(), 1);
    Await.until(
        WAIT, () -> sampled(checkLease) && started.get() == 1, "the first slow validation started");
    int last = writer.put("slow", Codecs.ofInt(), 2).version();
    int fastVersion = writer.put("fast", Codecs.ofInt(), 1).version();
    Await.until(
        WAIT,
        () -> sampled(checkLease) && fast.current().version() >= fastVersion,
        "the other key's value arrives");
    int done = finished.get();
    boolean whileBusy = started.get() > done;
    Await.until(
        WAIT,
        () -> sampled(checkLease) && slow.current().version() >= last,
        "the slow key catches up");

    assertEquals(2, slow.get());
    assertFalse(invalidSeen.get(), "the lease held throughout");
    assertFalse(lost.get(), "no loss reported");
    assertTrue(whileBusy, "the other key's value arrived while the validator was busy: " + done);
  }

  @Test
  void aListenerRunInlineMayOpenAWatcherOfItsOwnKey() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "slow-validator-inline");
    ConfigStore writer = TestCoordinators.connect(zk, "slow-validator-inline").configs();
    writer.put("k", Codecs.ofInt(), 0);
    ConfigWatcher<Integer> w = coord.config("k", Codecs.ofInt()).executor(Runnable::run).watch();
    AtomicReference<ConfigWatcher<Integer>> opened = new AtomicReference<>();
    // Runs on the key's delivery lane: opening a watcher of the key there must not wait for it.
    w.addListener(
        (previous, current) ->
            opened.compareAndSet(null, coord.config("k", Codecs.ofInt()).watch()));

    writer.put("k", Codecs.ofInt(), 1);

    ConfigWatcher<Integer> inner =
        Await.value(WAIT, opened::get, "a watcher opened by the listener");
    assertEquals(1, inner.get());
    writer.put("k", Codecs.ofInt(), 2);
    Await.until(WAIT, () -> inner.get() == 2, "the inner watcher hears later writes");
  }

  @Test
  void aSlowGroupListenerRunInlineLeavesALeaseValidAndOtherKeysOnTime() throws Exception {
    Coordinator coord = TestCoordinators.connect(zk, "slow-group-listener");
    ConfigStore writer = TestCoordinators.connect(zk, "slow-group-listener").configs();
    writer.put("etl/slow", Codecs.ofInt(), 0);
    writer.put("fast", Codecs.ofInt(), 0);
    ConfigGroup group = coord.configGroup("etl");
    AtomicInteger started = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    // The fault under test: a group listener run inline that takes most of a session timeout.
    group.addListener(
        (previous, current, changed) -> {
          started.incrementAndGet();
          LockSupport.parkNanos(SLOW.toNanos());
          finished.incrementAndGet();
        },
        Runnable::run);
    ConfigWatcher<Integer> fast = coord.config("fast", Codecs.ofInt()).watch();
    LockLease lease = coord.lock("held").acquire(WAIT);
    AtomicBoolean lost = new AtomicBoolean();
    lease.addListener(l -> lost.set(true));
    AtomicBoolean invalidSeen = new AtomicBoolean();
    Runnable checkLease =
        () -> {
          if (!lease.isValid()) {
            invalidSeen.set(true);
          }
        };

    // Two slow deliveries back to back: longer than the session timeout in all.
    writer.put("etl/slow", Codecs.ofInt(), 1);
    Await.until(
        WAIT, () -> sampled(checkLease) && started.get() == 1, "the first slow delivery started");
    int last = writer.put("etl/slow", Codecs.ofInt(), 2).version();
    int fastVersion = writer.put("fast", Codecs.ofInt(), 1).version();
    Await.until(
        WAIT,
        () -> sampled(checkLease) && fast.current().version() >= fastVersion,
        "the other key's value arrives");
    int done = finished.get();
    boolean whileBusy = started.get() > done;
    Await.until(
        WAIT,
        () ->
            sampled(checkLease)
                && group.snapshot().get("etl/slow", Codecs.ofInt()).orElseThrow().version() >= last
                && finished.get() == started.get(),
        "the group catches up");

    assertFalse(invalidSeen.get(), "the lease held throughout");
    assertFalse(lost.get(), "no loss reported");
    assertTrue(whileBusy, "the other key's value arrived while the listener was busy: " + done);
  }
}
