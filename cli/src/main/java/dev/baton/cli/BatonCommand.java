package dev.baton.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The {@code baton} command's root: the global options and the subcommands.
 *
 * <p>Exit statuses: 0 ok, 1 usage or bad input, 2 not found, 3 conflict (a failed {@code
 * --expect-version}), 4 connection or authentication failure, 5 refused by an ACL.
 */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonCommand.Version.class,
    description = "Coordination for data pipelines over Apache ZooKeeper.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:ok",
      "1:usage or bad input",
      "2:not found",
      "3:conflict (a failed --expect-version)",
      "4:connection or authentication failure",
      "5:refused by an ACL"
    },
    subcommands = {
      StatusCommand.class,
      ConfigCommand.class,
      ServicesCommand.class,
      LeaderCommand.class,
      LocksCommand.class,
      DemoCommand.class,
      ServerCommand.class,
      AutoComplete.GenerateCompletion.class,
      CommandLine.HelpCommand.class
    })
public final class BatonCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin GlobalOptions global = new GlobalOptions();

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line on standard output and error and returns its exit status.
   *
   * @param args the arguments
   * @return the exit status: 0 ok, 1 usage, 2 not found, 3 conflict, 4 connection, 5 refused
   */
  public static int run(String... args) {
    return run(
        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
        new PrintWriter(System.err, true, StandardCharsets.UTF_8),
        args);
  }

  /** Runs the command line with its output going to {@code out} and {@code err} (for tests). */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    BatonCommand root = new BatonCommand();
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(BatonCommand::usageError);
    cl.setExecutionExceptionHandler(new Failures(root.global));
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  // picocli's own handler exits with 2, which here means "not found".
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("baton: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return ExitCodes.USAGE;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
