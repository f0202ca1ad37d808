package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Six clients contend for one mutex for over 20 seconds while a fault thread expires random
 * sessions and drops every connection. Each critical section checks {@link LockLease#isValid()}
 * right before a guarded write to ZooKeeper and reports to a shared checker that plays the
 * downstream store: it accepts a write only with a token higher than any it has seen.
 *
 * <p>What must hold: (1) the writes that landed in ZooKeeper carry non-decreasing tokens in
 * ZooKeeper's own order; (2) no two leases were valid at overlapping times, where a lease's valid
 * interval runs from its acquisition to the last validity check that a landed write confirmed; (3)
 * the checker never accepted a token lower than one it accepted before.
 *
 * <p>A lease's own {@code isValid()} is a local belief: when the server expires a session at once
 * (as the fault thread does), the holder learns it a moment later, and a write attempted in that
 * moment is refused by the guard. The test counts those refusals and reports them.
 */
class MutualExclusionUnderFaultsTest {
  private static final Logger LOG = LoggerFactory.getLogger(MutualExclusionUnderFaultsTest.class);

  @RegisterExtension
  static dev.baton.testing.ZooKeeperExtension zk =
      dev.baton.testing.ZooKeeperExtension.standalone();

  private static final int CLIENTS = 6;
  private static final Duration RUN = Duration.ofSeconds(21);
  private static final String DATA = "/mutex-under-faults/data";

  /** The downstream store: accepts only tokens above any seen, records every section. */
  static final class Checker {
    record Section(long token, long start, long end) {}

    record Write(int version, long token) {}

    private long highest = Long.MIN_VALUE;
    private final List<Long> accepted = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Write> landed = new ArrayList<>();
    private int refused;

    synchronized boolean write(long token) {
      if (token <= highest) {
        refused++;
        return false;
      }
      highest = token;
      accepted.add(token);
      return true;
    }

    synchronized void landed(int version, long token) {
      landed.add(new Write(version, token));
    }

    synchronized void section(long token, long start, long end) {
      sections.add(new Section(token, start, end));
    }
  }

  @Test
  void noTwoValidLeasesOverlapAndNoStaleWriteLands() throws Exception {
    List<Coordinator> coords = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      coords.add(TestCoordinators.connect(zk, "test/locks"));
    }
    coords.get(0).curator().create().creatingParentsIfNeeded().forPath(DATA, new byte[8]);
    Checker checker = new Checker();
    AtomicInteger guardRefusals = new AtomicInteger();
    AtomicInteger faults = new AtomicInteger();
    long end = System.nanoTime() + RUN.toNanos();
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Coordinator coord : coords) {
        done.add(pool.submit(() -> contend(coord, end, checker, guardRefusals)));
      }
      done.add(pool.submit(() -> injectFaults(coords, stop, faults)));
      for (int i = 0; i < CLIENTS; i++) {
        done.get(i).get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
      }
      stop.countDown();
      done.get(CLIENTS).get(30, TimeUnit.SECONDS);
    } finally {
      stop.countDown();
      pool.shutdownNow();
    }

    LOG.info(
        "{} sections confirmed, {} writes landed, {} faults, {} writes refused by the guard, {}"
            + " refused by the checker",
        checker.sections.size(),
        checker.landed.size(),
        faults.get(),
        guardRefusals.get(),
        checker.refused);
    assertTrue(faults.get() >= 5, "faults injected: " + faults.get());
    assertTrue(checker.sections.size() >= 20, "sections: " + checker.sections.size());

    List<Checker.Write> inZkOrder = new ArrayList<>(checker.landed);
    inZkOrder.sort(Comparator.comparingInt(Checker.Write::version));
    for (int i = 1; i < inZkOrder.size(); i++) {
      assertTrue(
          inZkOrder.get(i).token() >= inZkOrder.get(i - 1).token(),
          "stale write landed after a newer one: "
              + inZkOrder.get(i - 1)
              + " then "
              + inZkOrder.get(i));
    }

    List<Checker.Section> sections = new ArrayList<>(checker.sections);
    sections.sort(Comparator.comparingLong(Checker.Section::token));
    for (int i = 1; i < sections.size(); i++) {
      Checker.Section before = sections.get(i - 1);
      Checker.Section after = sections.get(i);
      assertTrue(
          before.end() < after.start(), "valid leases overlapped: " + before + " and " + after);
    }

    for (int i = 1; i < checker.accepted.size(); i++) {
      assertTrue(checker.accepted.get(i) > checker.accepted.get(i - 1), "checker accepted lower");
    }
    assertEquals(checker.accepted.size() + checker.refused, checker.sections.size());
  }

  private static Void contend(Coordinator coord, long end, Checker checker, AtomicInteger refusals)
      throws InterruptedException {
    DistributedLock lock = coord.lock("under-faults");
    while (System.nanoTime() - end < 0) {
      LockLease lease;
      try {
        lease = lock.acquire(Duration.ofSeconds(5));
      } catch (LockTimeoutException | ConnectionLostException e) {
        continue;
      } catch (LeaseLostException e) {
        continue; // cannot happen: leases are closed by try-with-resources below
      } catch (CoordinationException e) {
        if (coord.isClosed()) {
          return null;
        }
        continue;
      }
      try (lease) {
        long start = System.nanoTime();
        long lastConfirmed = -1;
        for (int w = 0; w < 3; w++) {
          if (!lease.isValid()) {
            break;
          }
          long checkedAt = System.nanoTime();
          try {
            List<CuratorTransactionResult> results =
                lease.guardedTransaction(List.of(setToken(coord, lease.fencingToken())));
            lastConfirmed = checkedAt;
            checker.landed(results.get(0).getResultStat().getVersion(), lease.fencingToken());
            if (w == 0) {
              checker.write(lease.fencingToken());
            }
          } catch (LeaseLostException e) {
            refusals.incrementAndGet();
            break;
          } catch (CoordinationException e) {
            break; // connection trouble: outcome unknown, do not count it either way
          }
        }
        if (lastConfirmed >= 0) {
          checker.section(lease.fencingToken(), start, lastConfirmed);
        }
      }
    }
    return null;
  }

  static CuratorOp setToken(Coordinator coord, long token) {
    try {
      return coord
          .curator()
          .transactionOp()
          .setData()
          .forPath(DATA, ByteBuffer.allocate(8).putLong(token).array());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Void injectFaults(List<Coordinator> coords, CountDownLatch stop, AtomicInteger n)
      throws InterruptedException {
    Random random = new Random(42);
    while (!stop.await(700 + random.nextInt(800), TimeUnit.MILLISECONDS)) {
      try {
        if (random.nextInt(3) == 0) {
          zk.dropConnections();
        } else {
          zk.expireSession(coords.get(random.nextInt(coords.size())).curator());
        }
        n.incrementAndGet();
      } catch (RuntimeException e) {
        LOG.info("Fault not injected: {}", e.toString());
      }
    }
    return null;
  }
}
