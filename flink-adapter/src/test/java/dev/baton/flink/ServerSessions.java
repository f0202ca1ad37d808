package dev.baton.flink;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/** Counts the live client connections (one per session) of the in-process ZooKeeper server. */
final class ServerSessions {
  private ServerSessions() {}

  /**
   * The server's own count of alive connections, read through the MBean that a standalone ZooKeeper
   * server registers for its client port.
   */
  static int alive(String connectString) {
    String port = connectString.substring(connectString.lastIndexOf(':') + 1);
    try {
      ObjectName server =
          new ObjectName("org.apache.ZooKeeperService:name0=StandaloneServer_port" + port);
      return ((Number)
              ManagementFactory.getPlatformMBeanServer()
                  .getAttribute(server, "NumAliveConnections"))
          .intValue();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the ZooKeeper server's connection count", e);
    }
  }
}
