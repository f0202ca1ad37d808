package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.LeaseLostException;
import dev.baton.election.LeaderElection;
import dev.baton.election.Leadership;
import dev.baton.lock.DistributedLock;
import dev.baton.lock.LockLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Leadership and locks: workers elect a leader, the leader's session expires, another takes over
 * with a higher epoch, and a fenced store refuses the old leader's late write; then two workers
 * commit through a lock with increasing fencing tokens.
 */
final class LeadershipAct implements DemoAct {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The downstream store: remembers the highest token it accepted and refuses lower ones. */
  static final class FencedStore {
    private long highest = Long.MIN_VALUE;

    synchronized boolean write(String who, long token, DemoStage stage) {
      if (token < highest) {
        stage.say("store: REFUSED %s's write with token %d (highest seen %d)", who, token, highest);
        return false;
      }
      highest = token;
      stage.say("store: accepted %s's write with token %d", who, token);
      return true;
    }
  }

  @Override
  public String title() {
    return "Leadership and locks: epochs, fencing tokens, a refused stale write";
  }

  @Override
  public void play(DemoStage stage) throws Exception {
    FencedStore store = new FencedStore();
    BlockingQueue<Leadership> elected = new LinkedBlockingQueue<>();
    List<Coordinator> workers = new ArrayList<>();
    List<LeaderElection> elections = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Coordinator coord = stage.coordinator("worker-" + i);
      workers.add(coord);
      elections.add(
          coord
              .leaderElection("compactor")
              .participantId("worker-" + i)
              .onElected(elected::add)
              .onRevoked(
                  (l, reason) ->
                      stage.say(
                          "%s: leadership epoch %d revoked (%s)",
                          l.participantId(), l.epoch(), reason))
              .start());
    }
    Leadership first = next(elected);
    stage.say("%s leads with epoch %d", first.participantId(), first.epoch());
    store.write(first.participantId(), first.epoch(), stage);

    Coordinator oldLeader = workers.get(indexOf(first.participantId()));
    long start = System.nanoTime();
    stage.expireSession(oldLeader);
    stage.say("expired %s's session", first.participantId());
    Leadership second = next(elected);
    stage.say(
        "%s took over with epoch %d (> %d) after %.1f ms",
        second.participantId(), second.epoch(), first.epoch(), (System.nanoTime() - start) / 1e6);
    store.write(second.participantId(), second.epoch(), stage);
    stage.say("%s's leadership still valid? %s", first.participantId(), first.isValid());
    boolean refused = !store.write(first.participantId() + " (late)", first.epoch(), stage);
    if (!refused || second.epoch() <= first.epoch()) {
      throw new IllegalStateException("fencing failed");
    }
    elections.forEach(LeaderElection::close);

    long lastToken = Long.MIN_VALUE;
    for (int round = 0; round < 2; round++) {
      for (int w = 1; w <= 2; w++) {
        DistributedLock lock = workers.get(w).lock("hdfs-commit");
        try (LockLease lease = lock.acquire(WAIT)) {
          lease.checkValid();
          if (lease.fencingToken() <= lastToken) {
            throw new IllegalStateException("token did not increase");
          }
          lastToken = lease.fencingToken();
          store.write("worker-" + (w + 1) + " (lock)", lease.fencingToken(), stage);
        } catch (LeaseLostException e) {
          stage.say("lease lost: %s", e.getMessage());
        }
      }
    }
  }

  private static int indexOf(String participantId) {
    return Integer.parseInt(participantId.substring("worker-".length())) - 1;
  }

  private static Leadership next(BlockingQueue<Leadership> elected) throws InterruptedException {
    Leadership l = elected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (l == null) {
      throw new IllegalStateException("no leader elected within " + WAIT);
    }
    return l;
  }
}
