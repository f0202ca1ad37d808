package dev.baton.cli;

/**
 * A failure the CLI reports in one line with a chosen exit status. Raised by commands for what is
 * theirs to judge (a key not found, a failed {@code --expect-version}, an unreachable server);
 * failures from core are mapped by {@link Failures}.
 */
final class CliException extends RuntimeException {
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }

  static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }

  static CliException conflict(String message) {
    return new CliException(ExitCodes.CONFLICT, message);
  }

  static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }
}
