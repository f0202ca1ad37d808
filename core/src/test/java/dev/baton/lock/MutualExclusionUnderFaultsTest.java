package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.ConnectionLostException;
import dev.baton.CoordinationException;
import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.TestCoordinators;
import dev.baton.testing.NetworkPartition;
import dev.baton.testing.ZooKeeperRelay;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Six clients contend for one mutex for over 20 seconds while a fault thread expires random
 * sessions, drops every connection, cuts single clients off, refusing their connections or silently
 * (a {@link NetworkPartition} in front of each of three clients), long enough for the server to
 * expire the session or not, and loses the reply to a write that took effect (a {@link
 * ZooKeeperRelay} in front of the other three). Each critical section checks {@link
 * LockLease#isValid()} right before a guarded write to ZooKeeper and reports to a shared checker
 * that plays the downstream store: it accepts a write only with a token higher than any it has
 * seen.
 *
 * <p>What must hold: (1) the writes that landed in ZooKeeper carry non-decreasing tokens in
 * ZooKeeper's own order; (2) no two holders <em>believed</em> they held at overlapping times, where
 * a holder's belief runs from its first {@code isValid()} that returned true to its last one (not
 * to its last landed write: a holder acts on its belief whether or not a write follows); (3) the
 * checker never accepted a token lower than one it accepted before.
 *
 * <p>One fault is excused from (2): {@code expireSession} ends a session on the server at once, as
 * no real server does (it expires a session only after the client was silent for its whole timeout,
 * by which time the client's own clock has lapsed). The holder learns of it a moment later, and a
 * belief that overlaps the next holder's in that moment is counted and reported, not failed. A
 * write attempted in that moment is refused by the guard; the test counts those refusals too.
 */
class MutualExclusionUnderFaultsTest {
  private static final Logger LOG = LoggerFactory.getLogger(MutualExclusionUnderFaultsTest.class);

  @RegisterExtension
  static dev.baton.testing.ZooKeeperExtension zk =
      dev.baton.testing.ZooKeeperExtension.standalone();

  private static final int CLIENTS = 6;
  private static final Duration RUN = Duration.ofSeconds(25);
  private static final String DATA = "/mutex-under-faults/data";

  /** The client holding the lock right now, or -1: the partitions aim at it. */
  private static final AtomicInteger HOLDER = new AtomicInteger(-1);

  /** The downstream store: accepts only tokens above any seen, records every section. */
  static final class Checker {
    record Section(int client, long token, long acquiring, long start, long end) {}

    record Write(int version, long token) {}

    private long highest = Long.MIN_VALUE;
    private final List<Long> accepted = new ArrayList<>();
    private final List<Section> sections = new ArrayList<>();
    private final List<Write> landed = new ArrayList<>();
    private int refused;
    private int recovered;

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

    synchronized void recovered() {
      recovered++;
    }

    synchronized void section(int client, long token, long acquiring, long start, long end) {
      sections.add(new Section(client, token, acquiring, start, end));
    }
  }

  @Test
  void noTwoValidLeasesOverlapAndNoStaleWriteLands() throws Exception {
    // The first half reach the server through a partition each, the others through one relay
    // that loses the reply to a chosen request.
    List<Coordinator> coords = new ArrayList<>();
    List<NetworkPartition> links = new ArrayList<>();
    ZooKeeperRelay relay = zk.relay();
    for (int i = 0; i < CLIENTS; i++) {
      String via;
      if (i < CLIENTS / 2) {
        NetworkPartition link = zk.partition();
        links.add(link);
        via = link.connectString();
      } else {
        via = relay.connectString();
      }
      coords.add(TestCoordinators.connectVia(zk, via, "test/locks"));
    }
    coords.get(0).curator().create().creatingParentsIfNeeded().forPath(DATA, new byte[8]);
    Checker checker = new Checker();
    AtomicInteger guardRefusals = new AtomicInteger();
    Faults faults = new Faults(coords, links, relay);
    long end = System.nanoTime() + RUN.toNanos();
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        int client = i;
        done.add(
            pool.submit(() -> contend(client, coords.get(client), end, checker, guardRefusals)));
      }
      done.add(pool.submit(() -> faults.inject(stop)));
      for (int i = 0; i < CLIENTS; i++) {
        done.get(i).get(RUN.toSeconds() + 60, TimeUnit.SECONDS);
      }
      stop.countDown();
      done.get(CLIENTS).get(30, TimeUnit.SECONDS);
    } finally {
      stop.countDown();
      pool.shutdownNow();
      links.forEach(NetworkPartition::heal);
    }

    List<Checker.Section> sections = new ArrayList<>(checker.sections);
    sections.sort(Comparator.comparingLong(Checker.Section::token));
    List<String> overlaps = new ArrayList<>();
    int excused = 0;
    for (int j = 1; j < sections.size(); j++) {
      Checker.Section after = sections.get(j);
      for (int i = 0; i < j; i++) {
        Checker.Section before = sections.get(i);
        if (before.end() < after.start()) {
          continue;
        }
        if (faults.expiredAtOnce(before, after.start())) {
          excused++;
        } else {
          overlaps.add(before + " and " + after);
        }
      }
    }
    LOG.info(
        "{} sections, {} writes landed (and {} more whose lost reply was recovered), faults {}, {}"
            + " writes refused by the guard, {} refused by the checker, {} beliefs overlapping"
            + " across an instant server-side expiry",
        sections.size(),
        checker.landed.size(),
        checker.recovered,
        faults,
        guardRefusals.get(),
        checker.refused,
        excused);
    assertTrue(faults.total() >= 5, "faults injected: " + faults);
    assertTrue(faults.partitions() >= 2, "partitions among the faults: " + faults);
    assertTrue(relay.faultsFired() >= 1, "lost replies among the faults: " + faults);
    assertTrue(sections.size() >= 20, "sections: " + sections.size());

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

    assertEquals(List.of(), overlaps, "holders that believed they held at the same time");

    for (int i = 1; i < checker.accepted.size(); i++) {
      assertTrue(checker.accepted.get(i) > checker.accepted.get(i - 1), "checker accepted lower");
    }
  }

  private static Void contend(
      int client, Coordinator coord, long end, Checker checker, AtomicInteger refusals)
      throws InterruptedException {
    DistributedLock lock = coord.lock("under-faults");
    while (System.nanoTime() - end < 0) {
      LockLease lease;
      long acquiring = System.nanoTime();
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
      HOLDER.set(client);
      try (lease) {
        // The belief: from the first isValid() that said true (taken before the call) to the last
        // one (taken after it returned), whatever the writes did.
        long firstBelief = -1;
        long lastBelief = -1;
        boolean written = false;
        for (int w = 0; w < 3; w++) {
          long asked = System.nanoTime();
          boolean valid = lease.isValid();
          long answered = System.nanoTime();
          if (!valid) {
            break;
          }
          if (firstBelief < 0) {
            firstBelief = asked;
          }
          lastBelief = answered;
          try {
            List<CuratorTransactionResult> results =
                lease.guardedTransaction(List.of(setToken(coord, lease.fencingToken())));
            Stat stat = results.get(0).getResultStat();
            if (stat != null) {
              checker.landed(stat.getVersion(), lease.fencingToken());
            } else {
              // Its reply was lost and the lease found it committed: landed, version unknown.
              checker.recovered();
            }
            if (!written) {
              written = true;
              checker.write(lease.fencingToken());
            }
          } catch (LeaseLostException e) {
            refusals.incrementAndGet();
            break;
          } catch (CoordinationException e) {
            // Connection trouble, outcome unknown: not counted either way. Like a real holder,
            // check
            // the lease again before the next attempt: a belief that outlives the trouble counts.
            continue;
          }
        }
        if (firstBelief >= 0) {
          checker.section(client, lease.fencingToken(), acquiring, firstBelief, lastBelief);
        }
      } finally {
        HOLDER.compareAndSet(client, -1);
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

  /**
   * Injects one fault every 0.7 to 1.5 s: a server-side session expiry, a drop of every connection,
   * one client cut off (refused or silent) for longer or shorter than its session timeout, or a
   * lost reply (to the next guarded write, lock node create or release delete through the relay: it
   * takes effect, and the client sees its connection drop instead of the answer).
   */
  private static final class Faults {
    private record Expiry(int client, long start) {}

    private final List<Coordinator> coords;
    private final List<NetworkPartition> links;
    private final ZooKeeperRelay relay;
    private final Random random = new Random(42);
    private final long[] healAt;
    private final List<Expiry> expiries = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger silent = new AtomicInteger();
    private final AtomicInteger lostReplies = new AtomicInteger();

    Faults(List<Coordinator> coords, List<NetworkPartition> links, ZooKeeperRelay relay) {
      this.coords = coords;
      this.links = links;
      this.relay = relay;
      this.healAt = new long[links.size()];
    }

    Void inject(CountDownLatch stop) throws InterruptedException {
      long session = zk.sessionTimeout().toNanos();
      while (!stop.await(700 + random.nextInt(800), TimeUnit.MILLISECONDS)) {
        long now = System.nanoTime();
        for (int i = 0; i < links.size(); i++) {
          if (healAt[i] != 0 && now - healAt[i] >= 0) {
            links.get(i).heal();
            healAt[i] = 0;
          }
        }
        int client = random.nextInt(coords.size());
        try {
          switch (random.nextInt(5)) {
            case 0 -> {
              zk.dropConnections();
              drops.incrementAndGet();
            }
            case 1 -> {
              expiries.add(new Expiry(client, System.nanoTime()));
              zk.expireSession(coords.get(client).curator());
            }
            case 2 -> {
              if (lostReplies.get() > relay.faultsFired()) {
                continue; // the last one armed has not fired yet: arming again would replace it
              }
              int[] ops = {ZooDefs.OpCode.multi, ZooDefs.OpCode.create2, ZooDefs.OpCode.delete};
              relay.loseReplyTo(ops[random.nextInt(ops.length)]);
              lostReplies.incrementAndGet();
            }
            default -> {
              // Aimed at the holder when it is behind a partition: that is where beliefs can clash.
              int holder = HOLDER.get();
              client = holder >= 0 && holder < links.size() ? holder : random.nextInt(links.size());
              if (healAt[client] != 0) {
                continue; // already cut off
              }
              // Half the cuts outlast the session (the server expires it), half do not.
              long cut = random.nextBoolean() ? session + session / 2 : session / 3;
              if (random.nextBoolean()) {
                links.get(client).silence();
                silent.incrementAndGet();
              } else {
                links.get(client).isolate();
                refused.incrementAndGet();
              }
              healAt[client] = System.nanoTime() + cut;
            }
          }
        } catch (RuntimeException e) {
          LOG.info("Fault not injected: {}", e.toString());
        }
      }
      links.forEach(NetworkPartition::heal);
      return null;
    }

    /**
     * Whether the test expired the session of {@code held}'s client on the server after it began to
     * acquire, before its belief ended and before the next holder started: the one overlap of
     * beliefs no client can avoid.
     */
    boolean expiredAtOnce(Checker.Section held, long nextStart) {
      return expiries.stream()
          .anyMatch(
              e ->
                  e.client() == held.client()
                      && e.start() - held.acquiring() > 0
                      && held.end() - e.start() > 0
                      && nextStart - e.start() > 0);
    }

    int total() {
      return expiries.size() + drops.get() + refused.get() + silent.get() + relay.faultsFired();
    }

    int partitions() {
      return refused.get() + silent.get();
    }

    @Override
    public String toString() {
      return "{expired "
          + expiries.size()
          + ", dropped "
          + drops.get()
          + ", refused "
          + refused.get()
          + ", silent "
          + silent.get()
          + ", lost replies armed "
          + lostReplies.get()
          + " fired "
          + relay.faultsFired()
          + "}";
    }
  }
}
