package dev.baton.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Runs {@code baton} in this JVM and keeps what it printed. */
final class Cli {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What one run printed and returned. */
  record Result(int status, String out, String err) {
    JsonNode json() {
      try {
        return MAPPER.readTree(out);
      } catch (java.io.IOException e) {
        throw new UncheckedIOException("not JSON: " + out + " / " + err, e);
      }
    }

    @Override
    public String toString() {
      return "status " + status + "\nout: " + out + "\nerr: " + err;
    }
  }

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = BatonCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(status, out.toString(), err.toString());
  }

  static JsonNode parse(String line) {
    try {
      return MAPPER.readTree(line);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("not JSON: " + line, e);
    }
  }
}
