package dev.baton.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.DefaultJobExecutionStatusEvent;
import org.apache.flink.core.execution.JobStatusChangedListener;
import org.apache.flink.core.execution.JobStatusChangedListenerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The listener's writes keep the events' order on Flink's multi-threaded I/O executor. */
class JobStatusListenerOrderTest {
  @RegisterExtension static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void aBurstOfEventsEndsWithTheTerminalStatusAndNoSession() throws Exception {
    CuratorFramework reader = zk.newCurator();
    assertTrue(reader.blockUntilConnected((int) DEADLINE.toSeconds(), TimeUnit.SECONDS));
    HeldExecutor io = new HeldExecutor(threads);
    Configuration conf = new Configuration();
    conf.set(BatonOptions.CONNECT, zk.connectString());
    conf.set(BatonOptions.NAMESPACE, "order");
    ClassLoader loader = new URLClassLoader(new URL[0], getClass().getClassLoader());
    JobStatusChangedListener listener =
        new JobStatusListenerFactory().createListener(new TestContext(conf, loader, io));
    JobID job = new JobID();

    // A job that restarts many times, fails for good, and then hears a straggler.
    JobStatus previous = JobStatus.INITIALIZING;
    List<JobStatus> statuses = new ArrayList<>(List.of(JobStatus.CREATED, JobStatus.RUNNING));
    for (int i = 0; i < 10; i++) {
      statuses.addAll(List.of(JobStatus.FAILING, JobStatus.RESTARTING, JobStatus.RUNNING));
    }
    statuses.addAll(List.of(JobStatus.FAILING, JobStatus.FAILED, JobStatus.CANCELED));
    for (JobStatus next : statuses) {
      listener.onEvent(new DefaultJobExecutionStatusEvent(job, "burst", previous, next, null));
      previous = next;
    }
    // The executor ran nothing yet; it now runs what it holds newest first, on four threads.
    io.release();
    // Every write has been handed to the pool by now: once it is idle, all writes are done.
    threads.shutdown();
    assertTrue(threads.awaitTermination(DEADLINE.toSeconds(), TimeUnit.SECONDS), "writes done");

    String path = "/order/flink-jobs/" + job.toHexString();
    JsonNode stored = new ObjectMapper().readTree(reader.getData().forPath(path));
    assertEquals("FAILED", stored.get("status").asText(), stored.toString());
    assertEquals("FAILING", stored.get("previous").asText(), stored.toString());
    Await.until(
        DEADLINE,
        () -> ServerSessions.alive(zk.connectString()) == 1,
        "the listener's session closed (only the reader's left)");
  }

  /** Holds the tasks given to it until released, then hands them to a pool, newest first. */
  private static final class HeldExecutor implements Executor {
    private final Executor pool;
    private final List<Runnable> held = new ArrayList<>();
    private boolean released;

    HeldExecutor(Executor pool) {
      this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
      synchronized (this) {
        if (!released) {
          held.add(task);
          return;
        }
      }
      pool.execute(task);
    }

    void release() {
      List<Runnable> now;
      synchronized (this) {
        released = true;
        now = new ArrayList<>(held);
        held.clear();
      }
      for (int i = now.size() - 1; i >= 0; i--) {
        pool.execute(now.get(i));
      }
    }
  }

  private record TestContext(Configuration conf, ClassLoader loader, Executor io)
      implements JobStatusChangedListenerFactory.Context {
    @Override
    public Configuration getConfiguration() {
      return conf;
    }

    @Override
    public ClassLoader getUserClassLoader() {
      return loader;
    }

    @Override
    public Executor getIOExecutor() {
      return io;
    }
  }
}
