package dev.baton.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/** A multi-member ensemble on curator-test's {@link TestingCluster}, with short ticks. */
final class EnsembleServer implements ServerHandle {
  private final List<InstanceSpec> specs = new ArrayList<>();
  private final TestingCluster cluster;

  EnsembleServer(int size, int tickTimeMs) throws Exception {
    for (int id = 1; id <= size; id++) {
      specs.add(new InstanceSpec(null, -1, -1, -1, true, id, tickTimeMs, 0));
    }
    cluster = new TestingCluster(specs);
    cluster.start();
  }

  @Override
  public String connectString() {
    return cluster.getConnectString();
  }

  @Override
  public int size() {
    return specs.size();
  }

  @Override
  public void expireSession(CuratorFramework client) throws Exception {
    SessionKiller.expire(connectString(), client);
  }

  @Override
  public void dropConnections() throws Exception {
    // No handle on the members' connection factories here: restarting every member is the
    // ensemble's way of dropping all connections while sessions survive.
    for (InstanceSpec spec : specs) {
      cluster.killServer(spec);
    }
    for (InstanceSpec spec : specs) {
      cluster.restartServer(spec);
    }
  }

  @Override
  public void stop(int member) throws Exception {
    cluster.killServer(spec(member));
  }

  @Override
  public void restart(int member) throws Exception {
    cluster.restartServer(spec(member));
  }

  @Override
  public int connectedMember(CuratorFramework client) throws Exception {
    InstanceSpec spec = cluster.findConnectionInstance(client.getZookeeperClient().getZooKeeper());
    return spec == null ? -1 : specs.indexOf(spec);
  }

  @Override
  public long watchCount() {
    throw new UnsupportedOperationException(
        "watch counts are available on a standalone server only");
  }

  @Override
  public int watchersOf(String path) {
    return (int) watchCount();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }

  private InstanceSpec spec(int member) {
    if (member < 0 || member >= specs.size()) {
      throw new IllegalArgumentException(
          "member " + member + " is not in 0.." + (specs.size() - 1));
    }
    return specs.get(member);
  }
}
