package dev.baton;

import dev.baton.internal.Names;

/** Checks a ZooKeeper connect string before it reaches the client. */
final class ConnectStrings {
  private ConnectStrings() {}

  static String validate(String connectString) {
    if (connectString == null || connectString.isBlank()) {
      throw new IllegalArgumentException("connectString must name at least one host:port");
    }
    String hosts = connectString.trim();
    int slash = hosts.indexOf('/');
    if (slash >= 0) {
      String chroot = hosts.substring(slash);
      try {
        Names.absolutePath("chroot", chroot);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "connectString '" + connectString + "' has an invalid chroot: " + e.getMessage(), e);
      }
      hosts = hosts.substring(0, slash);
    }
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(
          "connectString '" + connectString + "' names no host (expected host:port,...)");
    }
    for (String hostPort : hosts.split(",", -1)) {
      String hp = hostPort.trim();
      String host = hp;
      int colon = hp.lastIndexOf(':');
      if (hp.startsWith("[")) { // IPv6 literal: [::1]:2181
        int close = hp.indexOf(']');
        host = close > 0 ? hp.substring(1, close) : "";
        colon =
            close > 0 && hp.length() > close + 1 && hp.charAt(close + 1) == ':' ? close + 1 : -1;
      } else if (colon >= 0) {
        host = hp.substring(0, colon);
      }
      if (host.isBlank()) {
        throw new IllegalArgumentException(
            "connectString '" + connectString + "' has an entry with no host: '" + hp + "'");
      }
      if (colon >= 0) {
        String port = hp.substring(colon + 1);
        int n;
        try {
          n = Integer.parseInt(port);
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 1 || n > 65535) {
          throw new IllegalArgumentException(
              "connectString '"
                  + connectString
                  + "' has an invalid port '"
                  + port
                  + "' for host "
                  + host
                  + " (expected 1..65535)");
        }
      }
    }
    return connectString.trim();
  }
}
