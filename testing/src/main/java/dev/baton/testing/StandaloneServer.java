package dev.baton.testing;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.server.ServerCnxn;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.jspecify.annotations.Nullable;

/**
 * One ZooKeeper server built from ZooKeeper's own classes, so the extension can reach what
 * curator-test hides: its connection factory (to drop connections) and its database (to count
 * watches and expire sessions on the server side).
 */
final class StandaloneServer implements ServerHandle {
  /** The longest session the server grants: long enough for any test, short of forever. */
  static final int MAX_SESSION_TIMEOUT_MS = 60_000;

  private final Path dataDir;
  private final int tickTimeMs;
  private int port;
  private @Nullable ZooKeeperServer server;
  private @Nullable ServerCnxnFactory factory;

  StandaloneServer(Path dataDir, int tickTimeMs) throws Exception {
    this.dataDir = dataDir;
    this.tickTimeMs = tickTimeMs;
    start();
  }

  private synchronized void start() throws Exception {
    File snap = Files.createDirectories(dataDir.resolve("snap")).toFile();
    File log = Files.createDirectories(dataDir.resolve("log")).toFile();
    ZooKeeperServer zks = new ZooKeeperServer(snap, log, tickTimeMs);
    // ZooKeeper caps sessions at 20 ticks (4 s with the short test tick); a test about a long
    // session (a brief drop that must not end a holding) needs more room than that.
    zks.setMaxSessionTimeout(MAX_SESSION_TIMEOUT_MS);
    ServerCnxnFactory f =
        ServerCnxnFactory.createFactory(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    f.startup(zks);
    port = f.getLocalPort();
    server = zks;
    factory = f;
  }

  @Override
  public synchronized String connectString() {
    return InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
  }

  @Override
  public int size() {
    return 1;
  }

  @Override
  public synchronized void expireSession(CuratorFramework client) throws Exception {
    long id = client.getZookeeperClient().getZooKeeper().getSessionId();
    requireRunning().expire(id);
  }

  @Override
  public synchronized void dropConnections() {
    requireFactory().closeAll(ServerCnxn.DisconnectReason.SERVER_SHUTDOWN);
  }

  @Override
  public synchronized void stop(int member) {
    ServerCnxnFactory f = factory;
    ZooKeeperServer zks = server;
    factory = null;
    server = null;
    if (f != null) {
      f.shutdown();
    }
    if (zks != null) {
      zks.shutdown();
    }
  }

  @Override
  public synchronized void restart(int member) throws Exception {
    if (server == null) {
      start();
    }
  }

  @Override
  public int connectedMember(CuratorFramework client) {
    return 0;
  }

  @Override
  public synchronized long watchCount() {
    return requireRunning().getZKDatabase().getDataTree().getWatchCount();
  }

  @Override
  public synchronized int watchersOf(String path) {
    java.util.Set<Long> sessions =
        requireRunning().getZKDatabase().getDataTree().getWatchesByPath().getSessions(path);
    return sessions == null ? 0 : sessions.size();
  }

  @Override
  public void close() {
    stop(0);
  }

  private ZooKeeperServer requireRunning() {
    ZooKeeperServer s = server;
    if (s == null) {
      throw new IllegalStateException("the ZooKeeper server is stopped");
    }
    return s;
  }

  private ServerCnxnFactory requireFactory() {
    ServerCnxnFactory f = factory;
    if (f == null) {
      throw new IllegalStateException("the ZooKeeper server is stopped");
    }
    return f;
  }
}
