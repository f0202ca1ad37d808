package dev.baton.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs every benchmark once with minimal iterations, so that none can rot unnoticed. */
class BenchmarkSmokeTest {
  @Test
  void everyBenchmarkRuns() throws Exception {
    Options options =
        new OptionsBuilder()
            .include("dev\\.baton\\.bench\\..*Benchmark")
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .threads(1)
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    assertFalse(results.isEmpty(), "benchmarks ran");
  }
}
