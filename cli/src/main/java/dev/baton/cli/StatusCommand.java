package dev.baton.cli;

import dev.baton.Coordinator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code baton status}: the session, then each server's version and mode as its {@code srvr}
 * four-letter word reports them (the one word ZooKeeper allows by default).
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Show the session and each server's version and mode.")
final class StatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    GlobalOptions options = GlobalOptions.of(spec);
    Output out = Commands.output(spec);
    Map<String, Object> doc = new LinkedHashMap<>();
    try (Coordinator coord = options.connect()) {
      out.line("connected to %s (namespace %s)", options.zk, coord.namespace());
      out.line(
          "session %s, negotiated timeout %s, state %s",
          Output.hex(coord.sessionId()),
          Output.duration(coord.negotiatedSessionTimeout()),
          coord.connectionState());
      doc.put("connectString", options.zk);
      doc.put("namespace", coord.namespace());
      doc.put("state", coord.connectionState().name());
      doc.put("sessionId", Output.hex(coord.sessionId()));
      doc.put("negotiatedTimeoutMs", coord.negotiatedSessionTimeout().toMillis());
    }
    List<Map<String, Object>> servers = new ArrayList<>();
    for (String server : servers(options.zk)) {
      Map<String, Object> s = srvr(server, options);
      servers.add(s);
      if (s.containsKey("note")) {
        out.line("  %-24s %s", server, s.get("note"));
      } else {
        out.line("  %-24s %-10s %s", server, s.get("mode"), s.get("version"));
      }
    }
    doc.put("servers", servers);
    out.document(doc);
    return ExitCodes.OK;
  }

  /** The host:port pairs of a connect string, without its chroot. */
  static List<String> servers(String connectString) {
    int slash = connectString.indexOf('/');
    String hosts = slash < 0 ? connectString : connectString.substring(0, slash);
    List<String> list = new ArrayList<>();
    for (String h : hosts.split(",")) {
      if (!h.isBlank()) {
        list.add(h.strip().contains(":") ? h.strip() : h.strip() + ":2181");
      }
    }
    return list;
  }

  private static Map<String, Object> srvr(String server, GlobalOptions options) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("server", server);
    if (options.tls) {
      s.put("note", "four-letter words are not asked over TLS; see the server's admin API");
      return s;
    }
    int colon = server.lastIndexOf(':');
    String reply;
    try (Socket socket = new Socket()) {
      int millis = (int) Math.min(Integer.MAX_VALUE, options.timeout.toMillis());
      socket.connect(
          new InetSocketAddress(
              server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))),
          millis);
      socket.setSoTimeout(millis);
      OutputStream o = socket.getOutputStream();
      o.write("srvr".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = socket.getInputStream();
      reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NumberFormatException e) {
      s.put("note", "no answer to srvr: " + e.getMessage());
      return s;
    }
    for (String line : reply.split("\n")) {
      if (line.startsWith("Zookeeper version:")) {
        s.put("version", line.substring("Zookeeper version:".length()).strip());
      } else if (line.startsWith("Mode:")) {
        s.put("mode", line.substring("Mode:".length()).strip());
      }
    }
    if (!s.containsKey("mode")) {
      s.put(
          "note",
          "srvr is not enabled on this server (4lw.commands.whitelist): "
              + reply.strip().replace('\n', ' '));
    }
    return s;
  }
}
