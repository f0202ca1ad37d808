package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.w3c.dom.Document;

/**
 * Runs every benchmark once with minimal iterations (in-process, fsync off) and the open loop with
 * a tiny matrix, then the report: so that no benchmark, variant or report step can rot unnoticed.
 */
class BenchmarkSmokeTest {
  @TempDir Path docs;

  @Test
  void everyBenchmarkRunsAndTheReportIsGenerated() throws Exception {
    Files.writeString(
        docs.resolve(Report.PAGE),
        "# page\n\nbefore\n" + Report.BEGIN + "\nold\n" + Report.END + "\nafter\n");

    BenchmarkMain.run(Profile.SMOKE, docs, "dev\\.baton\\.bench\\..*Benchmark");

    Results results = Results.read(docs.resolve(Report.RESULTS));
    assertTrue(
        !Files.readString(docs.resolve(Report.RESULTS)).contains("rawDataHistogram"),
        "raw sample histograms are dropped from the committed JSON");
    Set<String> ran =
        results.all().stream().map(Results.Measurement::benchmark).collect(Collectors.toSet());
    assertEquals(allBenchmarks(), new TreeSet<>(ran), "every benchmark method has a result");
    assertTrue(
        results.all().stream().allMatch(m -> "no".equals(m.params().get("fsync"))),
        "smoke runs with fsync off only");
    assertEquals(
        Subscribers.all().keySet(),
        results.all().stream()
            .filter(m -> m.benchmark().startsWith("NotificationLatencyBenchmark"))
            .map(m -> m.params().get("variant"))
            .collect(Collectors.toCollection(java.util.LinkedHashSet::new)),
        "every notification variant ran");

    for (String suite :
        List.of(
            "LockBenchmark.acquireRelease",
            "MutexHandoffBenchmark",
            "LeaderHandoffBenchmark",
            "RegistryBenchmark.selectInstance",
            "RegistryBenchmark.registrationSeenRemotely")) {
      assertEquals(
          Set.of("curator", "baton"),
          results.all().stream()
              .filter(m -> m.benchmark().startsWith(suite))
              .map(m -> m.params().get("impl"))
              .collect(Collectors.toSet()),
          "both implementations of " + suite + " ran");
    }

    Report.OpenLoopRun open =
        Report.json().readValue(docs.resolve(Report.OPEN_LOOP).toFile(), Report.OpenLoopRun.class);
    assertEquals(
        Subscribers.OPEN_LOOP.size() * 2,
        open.results().size(),
        "every open-loop variant x 1 rate x 2 fan-outs");
    assertEquals(
        Set.copyOf(Subscribers.OPEN_LOOP),
        open.results().stream().map(OpenLoopLatency.Result::variant).collect(Collectors.toSet()),
        "every open-loop variant ran");
    for (OpenLoopLatency.Result r : open.results()) {
      assertTrue(r.writes() > 0 && r.samples() > 0 && r.p50() > 0, "open loop measured: " + r);
    }

    Report.PairedRun paired =
        Report.json().readValue(docs.resolve(Report.PAIRED).toFile(), Report.PairedRun.class);
    for (PairedLatency.Suite suite : PairedLatency.suites()) {
      List<PairedLatency.Result> rs =
          paired.results().stream().filter(r -> r.suite().equals(suite.name())).toList();
      assertEquals(
          suite.variants(),
          rs.stream().map(PairedLatency.Result::variant).toList(),
          "every variant of paired suite " + suite.name() + " ran, anchor first");
      assertEquals(1.0, rs.get(0).ratioP50(), "the anchor is its own unit");
      for (PairedLatency.Result r : rs) {
        assertTrue(
            r.samples() > 0 && r.p50() > 0 && r.roundRatios().size() == 2, "paired measured: " + r);
      }
    }

    String page = Files.readString(docs.resolve(Report.PAGE));
    for (Targets.PairedTarget target : Targets.pairedTargets()) {
      String verdict =
          Double.isNaN(target.limit()) ? "" : "(met|\\*\\*missed\\*\\*|within noise [^|]*)";
      assertTrue(
          page.matches(
              "(?s).*\\| "
                  + java.util.regex.Pattern.quote(target.claim())
                  + " \\| no \\|[^\\n]*\\| \\d+\\.\\d\\d× \\|[^\\n]*\\| "
                  + verdict
                  + " \\|.*"),
          "the paired target's ratio is computed: " + target.claim() + "\n" + page);
    }
    assertTrue(page.startsWith("# page\n\nbefore\n") && page.endsWith(Report.END + "\nafter\n"));
    assertTrue(!page.contains("\nold\n"), "the old section is replaced");
    for (Targets.Comparison target : Targets.targets()) {
      assertTrue(
          page.matches(
              "(?s).*\\| "
                  + java.util.regex.Pattern.quote(target.claim())
                  + " \\| no \\|[^\\n]*\\| \\d+\\.\\d\\d× \\| [^\\n]*\\| (met|\\*\\*missed\\*\\*) \\|.*"),
          "the target's ratio is computed: " + target.claim() + "\n" + page);
    }
    assertTrue(
        page.matches(
            "(?s).*\\| CuratorCache notification p50 \\| no \\|[^\\n]*\\| \\d+\\.\\d\\d× \\|.*"),
        "an anchor ratio is computed:\n" + page);
    for (String chart : List.of(Report.CLOSED_CHART, Report.OPEN_CHART)) {
      Document svg =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(docs.resolve(chart).toFile());
      assertTrue(svg.getElementsByTagName("polyline").getLength() > 0, chart + " has lines");
    }
  }

  private static Set<String> allBenchmarks() {
    Set<BenchmarkListEntry> entries =
        BenchmarkList.defaultList()
            .getAll(
                OutputFormatFactory.createFormatInstance(
                    new PrintStream(PrintStream.nullOutputStream()), VerboseMode.SILENT),
                List.of());
    Set<String> names = new TreeSet<>();
    for (BenchmarkListEntry e : entries) {
      String full = e.getUsername();
      names.add(full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1));
    }
    return names;
  }
}
