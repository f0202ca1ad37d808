package dev.baton.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.jspecify.annotations.Nullable;

/**
 * An ensemble of ZooKeeper's own embedded servers in which every member reaches every other one
 * through a {@link Relay} per direction and per port (quorum and election), so that one member can
 * be cut off from the others silently: a held relay keeps every socket open and accepts new
 * connections, but forwards nothing, as a network that drops packets while TCP keeps retrying; once
 * opened the held bytes flow on, in order. An election relay also rewrites the first frame a member
 * sends ({@link ElectionHandshake}). Each member gets its own configuration: its own ports as they
 * are, the others' as the relays that lead to them. Clients connect to members directly.
 */
final class RelayedEnsemble implements ServerHandle {
  private static final String HOST = InetAddress.getLoopbackAddress().getHostAddress();
  private static final Duration START = Duration.ofSeconds(60);

  private record Member(int id, int clientPort, int quorumPort, int electionPort, Path dir) {}

  private final EnsembleOptions options;
  private final List<Member> members = new ArrayList<>();
  // relays[from][to]: how member `from` reaches member `to`; null on the diagonal.
  private final Relay[][] quorumRelays;
  private final Relay[][] electionRelays;
  private final @Nullable ZooKeeperServerEmbedded[] servers;

  RelayedEnsemble(Path dataDir, EnsembleOptions options) throws Exception {
    this.options = options;
    int n = options.members();
    for (int i = 0; i < n; i++) {
      members.add(
          new Member(
              i + 1, freePort(), freePort(), freePort(), dataDir.resolve("member-" + (i + 1))));
    }
    quorumRelays = new Relay[n][n];
    electionRelays = new Relay[n][n];
    for (int from = 0; from < n; from++) {
      for (int to = 0; to < n; to++) {
        if (from != to) {
          Member m = members.get(to);
          String link = (from + 1) + "-" + (to + 1);
          quorumRelays[from][to] = link("quorum-" + link, m.quorumPort(), () -> Relay.Pumps.BYTES);
          // The member called back by `to` must be reached through to -> from: its port is known
          // once every relay is open, long before a member connects.
          int back = to;
          int forth = from;
          electionRelays[from][to] =
              link(
                  "election-" + link,
                  m.electionPort(),
                  () ->
                      new Relay.Pumps(
                          ElectionHandshake.rewritingAddressTo(
                              HOST + ":" + electionRelays[back][forth].port()),
                          Relay.Pump.BYTES));
        }
      }
    }
    if (options.readOnlyMode()) {
      // Read by each member when it loses its quorum; JVM-wide, restored by the extension.
      System.setProperty("readonlymode.enabled", "true");
    }
    servers = new ZooKeeperServerEmbedded[n];
    try {
      for (int i = 0; i < n; i++) {
        start(i);
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  /** Cuts every link to and from {@code member} silently. */
  void isolate(int member) {
    check(member);
    forEachLink(
        (from, to) -> {
          if (from == member || to == member) {
            quorumRelays[from][to].hold();
            electionRelays[from][to].hold();
          }
        });
  }

  /** Lets every link forward again. */
  void heal() {
    forEachLink(
        (from, to) -> {
          quorumRelays[from][to].open();
          electionRelays[from][to].open();
        });
  }

  String connectString(int member) {
    check(member);
    return HOST + ":" + members.get(member).clientPort();
  }

  /**
   * What the member says of itself ({@code srvr}): {@code leader}, {@code follower}, {@code
   * read-only}, or {@code unavailable} when it serves no clients.
   */
  String mode(int member) {
    check(member);
    try (Socket s = new Socket()) {
      s.connect(address(members.get(member).clientPort()), 1000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write("srvr".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : reply.split("\n")) {
        if (line.startsWith("Mode: ")) {
          return line.substring("Mode: ".length()).trim();
        }
      }
      return "unavailable";
    } catch (IOException e) {
      return "unavailable";
    }
  }

  @Override
  public String connectString() {
    return members.stream().map(m -> HOST + ":" + m.clientPort()).collect(Collectors.joining(","));
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public void expireSession(CuratorFramework client) throws Exception {
    SessionKiller.expire(connectString(), client);
  }

  @Override
  public void dropConnections() throws Exception {
    for (int i = 0; i < members.size(); i++) {
      stop(i);
    }
    for (int i = 0; i < members.size(); i++) {
      restart(i);
    }
  }

  @Override
  public synchronized void stop(int member) {
    check(member);
    ZooKeeperServerEmbedded s = servers[member];
    servers[member] = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public void restart(int member) throws Exception {
    check(member);
    stop(member);
    start(member);
  }

  @Override
  public int connectedMember(CuratorFramework client) throws Exception {
    java.lang.reflect.Method m =
        org.apache.zookeeper.ZooKeeper.class.getDeclaredMethod("testableRemoteSocketAddress");
    m.setAccessible(true);
    Object address = m.invoke(client.getZookeeperClient().getZooKeeper());
    if (address instanceof InetSocketAddress a) {
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).clientPort() == a.getPort()) {
          return i;
        }
      }
    }
    return -1;
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
  public synchronized void close() {
    for (int i = 0; i < members.size(); i++) {
      stop(i);
    }
    forEachLink(
        (from, to) -> {
          quorumRelays[from][to].close();
          electionRelays[from][to].close();
        });
  }

  private synchronized void start(int member) throws Exception {
    if (servers[member] != null) {
      return;
    }
    Member me = members.get(member);
    Path data = Files.createDirectories(me.dir().resolve("data"));
    Files.writeString(data.resolve("myid"), Integer.toString(me.id()));
    Properties p = new Properties();
    p.setProperty("dataDir", data.toString());
    p.setProperty("tickTime", Long.toString(options.tickTime().toMillis()));
    p.setProperty("initLimit", "10");
    p.setProperty("syncLimit", Integer.toString(options.syncLimit()));
    p.setProperty("localSessionsEnabled", Boolean.toString(options.localSessions()));
    p.setProperty("localSessionsUpgradingEnabled", Boolean.toString(options.localSessions()));
    p.setProperty("admin.enableServer", "false");
    for (int other = 0; other < members.size(); other++) {
      Member m = members.get(other);
      int quorum = other == member ? m.quorumPort() : quorumRelays[member][other].port();
      int election = other == member ? m.electionPort() : electionRelays[member][other].port();
      p.setProperty(
          "server." + m.id(),
          HOST + ":" + quorum + ":" + election + ";" + HOST + ":" + m.clientPort());
    }
    ZooKeeperServerEmbedded s =
        ZooKeeperServerEmbedded.builder()
            .baseDir(me.dir())
            .configuration(p)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    s.start(START.toMillis());
    servers[member] = s;
  }

  private void check(int member) {
    if (member < 0 || member >= members.size()) {
      throw new IllegalArgumentException(
          "member " + member + " is not in 0.." + (members.size() - 1));
    }
  }

  private interface Link {
    void accept(int from, int to);
  }

  private void forEachLink(Link link) {
    for (int from = 0; from < members.size(); from++) {
      for (int to = 0; to < members.size(); to++) {
        if (from != to) {
          link.accept(from, to);
        }
      }
    }
  }

  /** A link to a member's quorum or election port; its threads are {@code baton-test-link-*}. */
  private static Relay link(String name, int port, Supplier<Relay.Pumps> pumps) {
    return new Relay("link-" + name, address(port), Relay.WhileHeld.RELAY, pumps);
  }

  private static InetSocketAddress address(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
