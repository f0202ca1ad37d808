package dev.baton.cli;

import dev.baton.embedded.EmbeddedZooKeeper;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton demo}: starts a real ZooKeeper in this process and plays one act per part of the
 * library, printing what happens and how long it took.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Show Baton working end to end on an embedded ZooKeeper.")
final class DemoCommand implements Callable<Integer> {
  @Option(
      names = "--connect",
      description = "Use this ZooKeeper instead of starting an embedded one.")
  String connectString;

  private final PrintStream out = System.out;

  /** The acts, in the order the story is told. */
  static List<DemoAct> acts() {
    return List.of(new ConnectAct(), new ConfigAct(), new RegistryAct(), new LeadershipAct());
  }

  @Override
  public Integer call() throws Exception {
    EmbeddedZooKeeper zk = null;
    String cs = connectString;
    if (cs == null) {
      zk = EmbeddedZooKeeper.builder().forceSync(false).start();
      cs = zk.connectString();
      out.println("Baton demo: embedded ZooKeeper serving on " + cs);
    } else {
      out.println("Baton demo: using ZooKeeper at " + cs);
    }
    int failed = 0;
    try {
      List<DemoAct> acts = acts();
      for (int i = 0; i < acts.size(); i++) {
        DemoAct act = acts.get(i);
        out.printf("%n[%d/%d] %s%n", i + 1, acts.size(), act.title());
        try (DemoStage stage = new DemoStage(cs, out)) {
          act.play(stage);
        } catch (Exception e) {
          failed++;
          out.println("  FAILED: " + e);
        }
      }
    } finally {
      if (zk != null) {
        zk.close();
      }
    }
    out.printf("%nDemo finished: %d act(s), %d failed.%n", acts().size(), failed);
    return failed == 0 ? 0 : 1;
  }
}
