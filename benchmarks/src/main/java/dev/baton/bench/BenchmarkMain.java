package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmarks' command line (the shaded jar's main class, run by {@code benchmarks/run}).
 *
 * <pre>{@code
 * quick|full [--docs DIR] [--include REGEX]   run the JMH suites, the open and the paired loops,
 *                                             then report
 * report [--docs DIR]                         regenerate the page and charts from the JSON files
 * paired [SUITE...]                           only the paired loops named (all if none), quick
 *                                             settings, printed; nothing written
 * jmh ARGS...                                 plain JMH command line (org.openjdk.jmh.Main)
 * }</pre>
 *
 * <p>Results go to {@code DIR/benchmarks/results.json} (JMH JSON without the raw sample histograms:
 * see {@link Results#slim}), {@code DIR/benchmarks/open-loop.json} and {@code
 * DIR/benchmarks/paired.json}; the page is {@code DIR/benchmarks.md}. {@code DIR} defaults to
 * {@code docs}.
 */
public final class BenchmarkMain {
  private static final String ALL = "dev\\.baton\\.bench\\..*Benchmark";

  private BenchmarkMain() {}

  /**
   * Runs the command.
   *
   * @param args see the class documentation
   * @throws Exception if a benchmark fails or the results cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    if (args[0].equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path docs = Path.of("docs");
    String include = ALL;
    for (int i = 1; i < args.length && !args[0].equals("paired"); i++) {
      if (args[i].equals("--docs") && i + 1 < args.length) {
        docs = Path.of(args[++i]);
      } else if (args[i].equals("--include") && i + 1 < args.length) {
        include = args[++i];
      } else {
        usage();
        throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
      }
    }
    switch (args[0]) {
      case "quick":
      case "full":
      case "smoke":
        run(Profile.valueOf(args[0].toUpperCase(Locale.ROOT)), docs, include);
        break;
      case "report":
        Report.write(docs);
        break;
      case "paired":
        PairedLatency.Settings quick = Profile.QUICK.paired();
        List<String> suites = List.of(args).subList(1, args.length);
        List<String> known =
            PairedLatency.suites().stream().map(PairedLatency.Suite::name).toList();
        for (String name : suites) {
          if (!known.contains(name)) {
            usage();
            throw new IllegalArgumentException(
                "unknown paired suite '" + name + "'; known: " + String.join(", ", known));
          }
        }
        PairedLatency.Settings s =
            suites.isEmpty()
                ? quick
                : new PairedLatency.Settings(
                    suites, quick.fsync(), quick.warmup(), quick.rounds(), quick.roundTime());
        System.out.print(PairedLatency.describe(PairedLatency.run(s)));
        break;
      default:
        usage();
        throw new IllegalArgumentException("unknown command '" + args[0] + "'");
    }
  }

  /**
   * Runs the JMH suites matching {@code include}, the open loop and the paired loops, then writes
   * the report.
   */
  static void run(Profile profile, Path docs, String include) throws Exception {
    Files.createDirectories(docs.resolve("benchmarks"));
    ChainedOptionsBuilder options =
        profile
            .apply(new OptionsBuilder().include(include))
            .resultFormat(ResultFormatType.JSON)
            .result(docs.resolve(Report.RESULTS).toString());
    new Runner(options.build()).run();
    // Raw sample histograms would make the committed file megabytes; the report needs percentiles.
    Results.slim(docs.resolve(Report.RESULTS));
    List<OpenLoopLatency.Result> open = OpenLoopLatency.run(profile.openLoop());
    Report.OpenLoopRun run =
        new Report.OpenLoopRun(
            profile.describe(),
            Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
            Runtime.getRuntime().availableProcessors(),
            open);
    Report.json().writeValue(docs.resolve(Report.OPEN_LOOP).toFile(), run);
    PairedLatency.Settings pairedSettings = profile.paired();
    List<PairedLatency.Result> paired = PairedLatency.run(pairedSettings);
    Report.json()
        .writeValue(
            docs.resolve(Report.PAIRED).toFile(),
            new Report.PairedRun(
                profile.describe(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(),
                pairedSettings.warmup().toMillis() / 1000.0,
                pairedSettings.rounds(),
                pairedSettings.roundTime().toMillis() / 1000.0,
                paired));
    Report.write(docs);
  }

  private static void usage() {
    System.err.println(
        "usage: benchmarks/run quick|full [--include REGEX] | report | paired [SUITE...]"
            + " | jmh ARGS...\n"
            + "  quick   indicative ratios, under 10 minutes on 2 cores\n"
            + "  full    publication run (see docs/benchmarks.md)\n"
            + "  report  regenerate docs/benchmarks.md and the charts from the JSON results\n"
            + "  paired  only the paired loops (notification, lock-cycle, leader-handoff),"
            + " printed\n"
            + "  jmh     JMH's own command line, e.g. jmh -l");
  }
}
