package dev.baton.testing;

import org.apache.curator.framework.CuratorFramework;

/** What the extension needs from a running ZooKeeper, standalone or ensemble. */
interface ServerHandle extends AutoCloseable {
  String connectString();

  int size();

  void expireSession(CuratorFramework client) throws Exception;

  void dropConnections() throws Exception;

  void stop(int member) throws Exception;

  void restart(int member) throws Exception;

  int connectedMember(CuratorFramework client) throws Exception;

  long watchCount();

  int watchersOf(String path);

  @Override
  void close() throws Exception;
}
