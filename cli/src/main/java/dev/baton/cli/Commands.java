package dev.baton.cli;

import dev.baton.Coordinator;
import picocli.CommandLine.Model.CommandSpec;

/** What every command needs from the global options: a connection and an output. */
final class Commands {
  private Commands() {}

  static Coordinator connect(CommandSpec spec) {
    return GlobalOptions.of(spec).connect();
  }

  static Output output(CommandSpec spec) {
    return new Output(spec.commandLine().getOut(), GlobalOptions.of(spec).json);
  }
}
