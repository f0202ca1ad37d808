package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.lock.DistributedLock;
import dev.baton.lock.LockNames;
import dev.baton.lock.LockQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton locks ...}: who holds a lock, with which fencing token, and who waits. */
@Command(
    name = "locks",
    mixinStandardHelpOptions = true,
    description = "List locks; show who holds one and who waits.")
final class LocksCommand {
  /** The lock recipes, as stored under /locks, /rwlocks and /semaphores. */
  enum Kind {
    mutex,
    rw,
    semaphore
  }

  @Spec CommandSpec spec;

  @Command(name = "list", description = "List the locks in use, with holder and waiter counts.")
  int list() {
    Output out = Commands.output(spec);
    try (Coordinator coord = Commands.connect(spec)) {
      LockNames names = LockNames.read(coord);
      List<Map<String, Object>> docs = new java.util.ArrayList<>();
      for (String n : names.mutexes()) {
        docs.add(summary(out, n, Kind.mutex, coord.lock(n).queue()));
      }
      for (String n : names.readWriteLocks()) {
        docs.add(summary(out, n, Kind.rw, coord.readWriteLock(n).writeLock().queue()));
      }
      for (String n : names.semaphores()) {
        // Permits are not stored: without them, who holds is unknown; show the queue's length.
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("name", n);
        doc.put("kind", Kind.semaphore.name());
        out.line("%-30s %-9s (locks show %s --kind semaphore --permits N)", n, "semaphore", n);
        docs.add(doc);
      }
      out.document(Map.of("locks", docs));
    }
    return ExitCodes.OK;
  }

  private static Map<String, Object> summary(Output out, String name, Kind kind, LockQueue q) {
    int holders = q.holders().size();
    int waiters = q.waiters().size();
    out.line("%-30s %-9s %d holder(s), %d waiter(s)", name, kind, holders, waiters);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("kind", kind.name());
    doc.put("holders", holders);
    doc.put("waiters", waiters);
    return doc;
  }

  @Command(
      name = "show",
      description = "List a lock's holders (with fencing tokens) and waiters, in order.")
  int show(
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = "--kind",
              defaultValue = "mutex",
              description = "mutex, rw (read/write) or semaphore (default ${DEFAULT-VALUE}).")
          Kind kind,
      @Option(names = "--permits", description = "A semaphore's permits (needed with semaphore).")
          @Nullable Integer permits) {
    if (kind == Kind.semaphore && permits == null) {
      throw CliException.usage("locks show " + name + ": --kind semaphore needs --permits");
    }
    Output out = Commands.output(spec);
    try (Coordinator coord = Commands.connect(spec)) {
      DistributedLock lock =
          switch (kind) {
            case mutex -> coord.lock(name);
            case rw -> coord.readWriteLock(name).writeLock();
            case semaphore -> coord.semaphore(name, permits);
          };
      LockQueue q = lock.queue();
      if (q.entries().isEmpty()) {
        throw CliException.notFound("lock " + name + " (" + q.path() + "): nobody holds or waits");
      }
      List<LockQueue.Entry> holders = q.holders();
      List<LockQueue.Entry> waiters = q.waiters();
      out.line(
          "%s (%s): %d holder(s), %d waiter(s)", name, q.path(), holders.size(), waiters.size());
      for (LockQueue.Entry e : holders) {
        out.line("  HOLDS  %s", describe(e));
      }
      for (int i = 0; i < waiters.size(); i++) {
        out.line("  %d.     %s", i + 1, describe(waiters.get(i)));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("name", name);
      doc.put("kind", kind.name());
      doc.put("path", q.path());
      if (permits != null) {
        doc.put("permits", permits);
      }
      doc.put("holders", holders.stream().map(LocksCommand::document).toList());
      doc.put("waiters", waiters.stream().map(LocksCommand::document).toList());
      out.document(doc);
    }
    return ExitCodes.OK;
  }

  private static String describe(LockQueue.Entry e) {
    return String.format(
        "%-7s token %-12s session %-18s %s",
        e.kind().replace("-", ""),
        Output.hex(e.fencingToken()),
        Output.hex(e.sessionId()),
        e.owner());
  }

  private static Map<String, Object> document(LockQueue.Entry e) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", e.kind().replace("-", ""));
    doc.put("fencingToken", e.fencingToken());
    doc.put("sessionId", Output.hex(e.sessionId()));
    doc.put("owner", e.owner());
    doc.put("node", e.node());
    return doc;
  }
}
