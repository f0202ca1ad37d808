package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code baton} command's root: lists the subcommands. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonCommand.Version.class,
    description = "Coordination for data pipelines over Apache ZooKeeper.",
    subcommands = {DemoCommand.class, ServerCommand.class, CommandLine.HelpCommand.class})
public final class BatonCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit status (for tests).
   *
   * @param args the arguments
   * @return the exit status
   */
  public static int run(String... args) {
    return new CommandLine(new BatonCommand()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reports the version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = BatonCommand.class.getPackage().getImplementationVersion();
      return new String[] {"baton " + (v == null ? "(development build)" : v)};
    }
  }
}
