package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** JMH's JSON results, read back for the report: ratios are computed from this, never by hand. */
final class Results {
  /**
   * One JMH result.
   *
   * @param benchmark {@code Class.method}, without the package
   * @param params the parameters, sorted by name
   * @param mode JMH's mode abbreviation ({@code sample}, {@code avgt}, ...)
   * @param score the primary score (mean for sample mode)
   * @param error its 99.9% confidence half-width, NaN if unknown
   * @param unit the score's unit, e.g. {@code us/op}
   * @param percentiles percentile to value, in the score's unit (sample mode only)
   */
  record Measurement(
      String benchmark,
      Map<String, String> params,
      String mode,
      double score,
      double error,
      String unit,
      Map<Double, Double> percentiles) {

    /** {@return the value at {@code percentile}, or NaN if this mode has no percentiles} */
    double percentile(double percentile) {
      Double v = percentiles.get(percentile);
      return v == null ? Double.NaN : v;
    }

    /** {@return whether every entry of {@code wanted} is among this result's parameters} */
    boolean matches(Map<String, String> wanted) {
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!e.getValue().equals(params.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Measurement> all;
  private final @Nullable String jvm;

  private Results(List<Measurement> all, @Nullable String jvm) {
    this.all = List.copyOf(all);
    this.jvm = jvm;
  }

  /** Reads a JMH JSON result file. */
  static Results read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    List<Measurement> list = new ArrayList<>();
    String jvm = null;
    for (JsonNode r : root) {
      String name = r.path("benchmark").asText();
      int cut = name.lastIndexOf('.', name.lastIndexOf('.') - 1);
      Map<String, String> params = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      JsonNode pm = r.path("primaryMetric");
      Map<Double, Double> pct = new TreeMap<>();
      if ("sample".equals(r.path("mode").asText())) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pm.path("scorePercentiles").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          pct.put(Double.parseDouble(e.getKey()), e.getValue().asDouble());
        }
      }
      list.add(
          new Measurement(
              name.substring(cut + 1),
              params,
              r.path("mode").asText(),
              pm.path("score").asDouble(),
              pm.path("scoreError").asDouble(Double.NaN),
              pm.path("scoreUnit").asText(),
              pct));
      jvm = r.path("vmName").asText() + " " + r.path("jdkVersion").asText();
    }
    return new Results(list, jvm);
  }

  /**
   * Rewrites a JMH JSON result file without the raw histograms of sample-mode results (every
   * distinct time and its count), which make up nearly all of its size; JMH's own percentiles,
   * which the report reads, stay.
   *
   * @param json the file, rewritten in place
   * @throws IOException if it cannot be read or written
   */
  static void slim(Path json) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(json.toFile());
    for (JsonNode r : root) {
      dropRaw(r.path("primaryMetric"));
      for (JsonNode secondary : r.path("secondaryMetrics")) {
        dropRaw(secondary);
      }
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), root);
  }

  private static void dropRaw(JsonNode metric) {
    if (metric instanceof ObjectNode o) {
      o.remove("rawDataHistogram");
    }
  }

  /** {@return every result, in the file's order} */
  List<Measurement> all() {
    return all;
  }

  /** {@return the JVM the benchmarks ran on, if any ran} */
  Optional<String> jvm() {
    return Optional.ofNullable(jvm);
  }

  /** {@return the result of {@code benchmark} whose parameters include {@code params}} */
  Optional<Measurement> find(String benchmark, Map<String, String> params) {
    return all.stream()
        .filter(m -> m.benchmark().equals(benchmark) && m.matches(params))
        .findFirst();
  }
}
