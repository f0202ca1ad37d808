package dev.baton;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that logged at ERROR, from any thread and any logger (Curator's and ZooKeeper's
 * included). Core's tests log through slf4j-simple, which prints to whatever {@code System.err} is
 * at the time of each call; this extension puts a tee there for the test's duration and reads the
 * level off each line ({@code [thread] ERROR logger - message}, as configured in {@code
 * simplelogger.properties}). No second logging binding is needed.
 *
 * <pre>{@code
 * @RegisterExtension ErrorLog errors = new ErrorLog();
 * }</pre>
 */
public final class ErrorLog implements BeforeEachCallback, AfterEachCallback {
  // slf4j-simple: "<time> [<thread>] <LEVEL> <logger> - <message>".
  private static final Pattern ERROR_LINE = Pattern.compile("^\\S+ \\[.*\\] ERROR \\S+ - .*");

  private final List<String> errors = new ArrayList<>(); // guarded by itself
  private PrintStream original = System.err;

  @Override
  public void beforeEach(ExtensionContext context) {
    original = System.err;
    System.setErr(new PrintStream(new Tee(original), true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    PrintStream tee = System.err;
    System.setErr(original);
    tee.flush();
    List<String> seen = errors();
    if (!seen.isEmpty()) {
      throw new AssertionError(seen.size() + " line(s) logged at ERROR, first: " + seen.get(0));
    }
  }

  /** {@return the ERROR lines seen so far, with the line that follows each (a stack's head)} */
  public List<String> errors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  /**
   * Takes the ERROR lines seen so far, so that a test that logs one on purpose can check it and
   * still pass.
   *
   * @return the lines taken
   */
  public List<String> drain() {
    synchronized (errors) {
      List<String> taken = List.copyOf(errors);
      errors.clear();
      return taken;
    }
  }

  /** Forwards every byte and looks at each complete line. */
  private final class Tee extends OutputStream {
    private final PrintStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int stackHeadOf = -1;

    Tee(PrintStream out) {
      this.out = out;
    }

    @Override
    public synchronized void write(int b) {
      out.write(b);
      if (b == '\n') {
        endLine();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      out.write(b, off, len);
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          endLine();
        } else {
          line.write(b[i]);
        }
      }
    }

    @Override
    public synchronized void flush() {
      out.flush();
    }

    private void endLine() {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      synchronized (errors) {
        if (stackHeadOf >= 0 && stackHeadOf < errors.size()) {
          // The line after an ERROR is usually the exception: the most useful part of a report.
          errors.set(stackHeadOf, errors.get(stackHeadOf) + " | " + text.strip());
          stackHeadOf = -1;
        }
        if (ERROR_LINE.matcher(text).matches()) {
          errors.add(text);
          stackHeadOf = errors.size() - 1;
        }
      }
    }
  }

  @Override
  public String toString() {
    return "ErrorLog" + errors();
  }
}
