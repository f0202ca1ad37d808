package dev.baton.embedded;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.util.ServiceUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of ZooKeeper's standalone server, from start to stop, on a daemon thread of its own.
 *
 * <p>Every thread the server starts (connection handling, request processors, session tracking)
 * inherits the daemon flag of the thread that starts it, so none of them keeps the JVM alive: a
 * program that never closes its embedded server still exits when its {@code main} returns. The
 * server is run through {@link ZooKeeperServerMain} rather than ZooKeeper's {@code
 * ZooKeeperServerEmbedded}, which runs it on a non-daemon thread, logs its configuration line by
 * line and reports its own orderly stop as "ZK server died".
 */
final class ServerRun {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRun.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final CompletableFuture<@Nullable Void> started = new CompletableFuture<>();
  private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();
  private final ZooKeeperServerMain main =
      new ZooKeeperServerMain() {
        @Override
        protected void serverStarted() {
          started.complete(null);
        }
      };
  private volatile boolean stopping;

  private ServerRun() {}

  /**
   * Starts a server with {@code zoo.cfg}-style {@code config} and waits until it serves.
   *
   * @throws Exception if the configuration is invalid, or the server fails or times out starting
   */
  static ServerRun start(Properties config, String name, Duration timeout) throws Exception {
    QuorumPeerConfig parsed = new QuorumPeerConfig();
    parsed.parseProperties(config);
    ServerConfig server = new ServerConfig();
    server.readFrom(parsed);
    // A fatal server error must not end the application's JVM.
    ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
    ServerRun run = new ServerRun();
    Thread thread = new Thread(() -> run.serve(server), name);
    thread.setDaemon(true);
    thread.start();
    try {
      CompletableFuture.anyOf(run.started, run.ended)
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.stop();
      throw e;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (!run.started.isDone()) {
      run.ended.get(); // ended before it started: throws the cause
      throw new IllegalStateException("the server stopped while starting");
    }
    return run;
  }

  private void serve(ServerConfig config) {
    try {
      main.runFromConfig(config);
      ended.complete(null);
    } catch (Throwable t) {
      if (!stopping) {
        LOG.error("Embedded ZooKeeper on {} failed", config.getClientPortAddress(), t);
      }
      ended.completeExceptionally(t);
    }
  }

  /** Stops the server and waits (bounded) until its main thread has ended. */
  void stop() {
    stopping = true;
    main.close();
    try {
      ended.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.debug("Embedded ZooKeeper did not end cleanly", e);
    }
  }
}
