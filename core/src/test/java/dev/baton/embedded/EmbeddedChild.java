package dev.baton.embedded;

import dev.baton.Coordinator;
import dev.baton.codec.Codecs;
import java.time.Duration;

/**
 * The main class of the JVM that {@link EmbeddedProcessTest} forks: builds a coordinator that owns
 * an embedded server, writes through it, then either returns from {@code main} without closing
 * anything ({@code leave-open}) or closes the coordinator first ({@code close}). Prints markers on
 * standard output so the test knows where it stands.
 */
public final class EmbeddedChild {
  static final String CONNECTED = "child: connected";
  static final String CLOSING = "child: closing";
  static final String RETURNING = "child: returning from main";

  private EmbeddedChild() {}

  /**
   * Runs the child.
   *
   * @param args {@code leave-open} or {@code close}
   * @throws Exception if anything fails: the test sees a non-zero exit
   */
  public static void main(String[] args) throws Exception {
    Coordinator coord = Coordinator.builder().embedded().build();
    if (!coord.awaitConnected(Duration.ofSeconds(60))) {
      throw new IllegalStateException("embedded server unreachable");
    }
    coord.configs().put("child", Codecs.ofInt(), 1);
    System.out.println(CONNECTED);
    if (args.length > 0 && args[0].equals("close")) {
      System.out.println(CLOSING);
      System.out.flush();
      coord.close();
    }
    System.out.println(RETURNING);
    System.out.flush();
  }
}
