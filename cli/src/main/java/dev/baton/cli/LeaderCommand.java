package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.election.LeaderChange;
import dev.baton.election.LeaderElection;
import dev.baton.election.Participant;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton leader ...}: who leads an election, with which epoch, and who waits. */
@Command(
    name = "leader",
    mixinStandardHelpOptions = true,
    description = "Show and follow a leader election.")
final class LeaderCommand {
  @Spec CommandSpec spec;

  @Command(name = "show", description = "Show the leader, its epoch and the participants in order.")
  int show(@Parameters(paramLabel = "NAME") String name) {
    Output out = Commands.output(spec);
    try (Coordinator coord = Commands.connect(spec);
        LeaderElection observer = coord.leaderElection(name).observe()) {
      List<Participant> participants = observer.participants();
      if (participants.isEmpty()) {
        throw CliException.notFound("election " + name + ": no participants");
      }
      Participant leader = participants.get(0);
      out.line("%s: leader %s, epoch %s", name, leader.id(), Output.hex(leader.token()));
      for (int i = 0; i < participants.size(); i++) {
        Participant p = participants.get(i);
        out.line("  %d. %-30s token %s %s", i + 1, p.id(), Output.hex(p.token()), data(p));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("name", name);
      doc.put("leader", leader.id());
      doc.put("epoch", leader.token());
      doc.put("participants", participants.stream().map(LeaderCommand::document).toList());
      out.document(doc);
    }
    return ExitCodes.OK;
  }

  @Command(name = "watch", description = "Print each change of leader until interrupted.")
  int watch(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--count", description = "Exit after this many changes.")
          @Nullable Integer count) {
    Output out = Commands.output(spec);
    BlockingQueue<LeaderChange> changes = new LinkedBlockingQueue<>();
    try (Coordinator coord = Commands.connect(spec);
        LeaderElection observer =
            coord.leaderElection(name).onLeaderChanged(changes::add).observe()) {
      // The first change is the current leader: counted like the rest only after it.
      print(out, name, changes.take());
      for (int seen = 0; count == null || seen < count; seen++) {
        print(out, name, changes.take());
      }
    } catch (InterruptedException e) {
      // Ctrl-C or the caller's interrupt: the normal way a watch ends.
    }
    return ExitCodes.OK;
  }

  private static void print(Output out, String name, LeaderChange change) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("leader", change.leader().map(Participant::id).orElse(null));
    doc.put("epoch", change.epoch().isPresent() ? change.epoch().getAsLong() : null);
    doc.put("heard", Instant.now().toString());
    if (change.leader().isPresent()) {
      out.line(
          "%s: leader %s, epoch %s",
          name, change.leader().get().id(), Output.hex(change.epoch().getAsLong()));
    } else {
      out.line("%s: no leader", name);
    }
    out.document(doc);
  }

  private static String data(Participant p) {
    return p.data().length == 0 ? "" : new String(p.data(), StandardCharsets.UTF_8);
  }

  private static Map<String, Object> document(Participant p) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", p.id());
    doc.put("token", p.token());
    doc.put("leader", p.leader());
    doc.put("data", data(p));
    return doc;
  }
}
