package dev.baton.bench;

import dev.baton.Coordinator;
import dev.baton.embedded.EmbeddedZooKeeper;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared JMH fixture: one in-process ZooKeeper server per trial, with fsync on or off, and the
 * client sessions a benchmark opens against it.
 *
 * <p>A benchmark state takes it as an argument of its {@code @Setup} method, which gives every
 * benchmark the {@code fsync} parameter, so each suite runs with ZooKeeper's transaction log
 * fsync'd ({@code yes}, ZooKeeper's default and what production runs) and not ({@code no}, which
 * shows what the client side costs without the disk).
 *
 * <p>Sessions opened here are closed at the end of the trial, newest first, before the server
 * stops. The open-loop driver uses the same class outside JMH through {@link #start(boolean)}.
 *
 * <p>Not thread-safe: benchmark setup and teardown run on one thread.
 */
@State(Scope.Benchmark)
public class ZooKeeperFixture implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperFixture.class);

  /** Whether the server fsyncs its transaction log: {@code yes} (the default) or {@code no}. */
  @Param({"yes", "no"})
  public String fsync = "yes";

  private @Nullable EmbeddedZooKeeper server;
  private final Deque<AutoCloseable> resources = new ArrayDeque<>();

  /** For JMH; call {@link #setUp()} before use when not under JMH. */
  public ZooKeeperFixture() {}

  /**
   * A started fixture, for code that runs outside JMH.
   *
   * @param fsync whether the server fsyncs writes
   * @return the fixture; close it when done
   */
  public static ZooKeeperFixture start(boolean fsync) {
    ZooKeeperFixture f = new ZooKeeperFixture();
    f.fsync = fsync ? "yes" : "no";
    f.setUp();
    return f;
  }

  /**
   * Starts the server.
   *
   * @throws IllegalArgumentException if {@code fsync} is neither {@code yes} nor {@code no}
   */
  @Setup(Level.Trial)
  public void setUp() {
    server = EmbeddedZooKeeper.builder().forceSync(fsyncEnabled()).start();
    LOG.info("benchmark server on {} (fsync {})", server.connectString(), fsync);
  }

  /** {@return whether the server fsyncs writes} */
  public boolean fsyncEnabled() {
    switch (fsync) {
      case "yes":
        return true;
      case "no":
        return false;
      default:
        throw new IllegalArgumentException("fsync must be yes or no, not '" + fsync + "'");
    }
  }

  /** {@return the server's connect string} */
  public String connectString() {
    EmbeddedZooKeeper s = server;
    if (s == null) {
      throw new IllegalStateException("fixture not started");
    }
    return s.connectString();
  }

  /**
   * Opens a new session as a Baton coordinator (whose Curator client the Curator anchors use).
   *
   * @return a connected coordinator, closed with the fixture
   * @throws InterruptedException if interrupted while connecting
   */
  public Coordinator coordinator() throws InterruptedException {
    return track(Sessions.coordinator(connectString()));
  }

  /**
   * Opens a new raw ZooKeeper session.
   *
   * @return a connected handle, closed with the fixture
   * @throws InterruptedException if interrupted while connecting
   */
  public ZooKeeper zooKeeper() throws InterruptedException {
    ZooKeeper zk = Sessions.zooKeeper(connectString());
    track(zk::close);
    return zk;
  }

  /**
   * Closes {@code resource} with the fixture, before the server stops and before anything tracked
   * earlier.
   *
   * @param resource a recipe, subscriber or session
   * @param <R> its type
   * @return {@code resource}
   */
  public <R extends AutoCloseable> R track(R resource) {
    resources.push(resource);
    return resource;
  }

  /** Closes every tracked resource, newest first, then stops the server. */
  @TearDown(Level.Trial)
  @Override
  public void close() {
    while (!resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.warn("closing {} failed", r, e);
      }
    }
    EmbeddedZooKeeper s = server;
    server = null;
    if (s != null) {
      s.close();
    }
  }
}
