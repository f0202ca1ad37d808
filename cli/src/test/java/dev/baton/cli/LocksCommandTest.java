package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.Coordinator;
import dev.baton.lock.LockLease;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocksCommandTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Coordinator connect() {
    return zk.connect(cs -> Coordinator.builder().connectString(cs).namespace("cli/locks").build());
  }

  private static Cli.Result baton(String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--zk";
    all[1] = zk.connectString();
    all[2] = "--namespace";
    all[3] = "cli/locks";
    System.arraycopy(args, 0, all, 4, args.length);
    return Cli.run(all);
  }

  @Test
  void showListsTheHolderWithItsRealFencingTokenAndTwoWaitersInOrder() throws Exception {
    Coordinator holder = connect();
    Coordinator w1 = connect();
    Coordinator w2 = connect();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (LockLease lease = holder.lock("hdfs-commit").acquire(WAIT)) {
      Future<?> first = pool.submit(() -> waitAndRelease(w1));
      Await.until(WAIT, () -> queued() == 1, "the first waiter queued");
      Future<?> second = pool.submit(() -> waitAndRelease(w2));
      Await.until(WAIT, () -> queued() == 2, "the second waiter queued");

      JsonNode doc = baton("--json", "locks", "show", "hdfs-commit").json();
      assertEquals(1, doc.get("holders").size(), doc.toString());
      JsonNode held = doc.get("holders").get(0);
      assertEquals(lease.fencingToken(), held.get("fencingToken").asLong(), doc.toString());
      assertEquals(Output.hex(holder.sessionId()), held.get("sessionId").asText());
      JsonNode waiters = doc.get("waiters");
      assertEquals(2, waiters.size(), doc.toString());
      assertEquals(Output.hex(w1.sessionId()), waiters.get(0).get("sessionId").asText());
      assertEquals(Output.hex(w2.sessionId()), waiters.get(1).get("sessionId").asText());

      JsonNode list = baton("--json", "locks", "list").json().get("locks");
      assertEquals("hdfs-commit", list.get(0).get("name").asText(), list.toString());
      assertEquals(1, list.get(0).get("holders").asInt(), list.toString());
      assertEquals(2, list.get(0).get("waiters").asInt(), list.toString());

      Cli.Result human = baton("locks", "show", "hdfs-commit");
      assertEquals(0, human.status(), human.toString());
      assertTrue(human.out().contains("1 holder(s), 2 waiter(s)"), human.toString());
      assertTrue(
          human.out().contains("HOLDS  lease   token " + Output.hex(lease.fencingToken())),
          human.toString());

      lease.close();
      first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
    assertEquals(2, baton("locks", "show", "hdfs-commit").status(), "nobody holds any more");
    assertEquals(1, baton("locks", "show", "pool", "--kind", "semaphore").status());
  }

  private static int queued() {
    JsonNode doc = baton("--json", "locks", "show", "hdfs-commit").json();
    return doc.get("waiters").size();
  }

  private static Void waitAndRelease(Coordinator coord) throws Exception {
    try (LockLease l = coord.lock("hdfs-commit").acquire(WAIT)) {
      return null;
    }
  }
}
