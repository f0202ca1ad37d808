package dev.baton.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a command prints: a human line or one JSON document per result. Under {@code --json} human
 * lines are dropped, so standard output stays parseable.
 */
final class Output {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  boolean json() {
    return json;
  }

  /** Prints a human line, unless {@code --json} is on. */
  void line(String format, Object... args) {
    if (!json) {
      out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
      out.flush();
    }
  }

  /** Prints one JSON document on one line, if {@code --json} is on. */
  void document(Object value) {
    if (json) {
      try {
        out.println(MAPPER.writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot print as JSON: " + e.getOriginalMessage(), e);
      }
      out.flush();
    }
  }

  static String hex(long n) {
    return "0x" + Long.toHexString(n);
  }

  /** {@code 10s}, {@code 1500ms}: how operators type durations, not ISO's {@code PT10S}. */
  static String duration(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
