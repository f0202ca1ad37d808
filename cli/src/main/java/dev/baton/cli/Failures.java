package dev.baton.cli;

import dev.baton.AccessDeniedException;
import dev.baton.ConnectionLostException;
import dev.baton.config.ConfigConflictException;
import java.io.PrintWriter;
import org.apache.zookeeper.KeeperException;
import picocli.CommandLine;

/**
 * Turns any failure of a command into one line on standard error and an exit status: operators read
 * the line, scripts read the status. The stack trace is for {@code --verbose} only.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  private final GlobalOptions options;

  Failures(GlobalOptions options) {
    this.options = options;
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    err.println("baton: " + message(e));
    if (options.verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return exitCode(e);
  }

  static int exitCode(Throwable e) {
    if (e instanceof CliException ce) {
      return ce.exitCode();
    }
    if (e instanceof AccessDeniedException) {
      // A failed authentication is a connection problem; a node's ACL refusing us is not.
      return e.getCause() instanceof KeeperException ke
              && ke.code() == KeeperException.Code.AUTHFAILED
          ? ExitCodes.CONNECTION
          : ExitCodes.REFUSED;
    }
    if (e instanceof ConnectionLostException) {
      return ExitCodes.CONNECTION;
    }
    if (e instanceof ConfigConflictException) {
      return ExitCodes.CONFLICT;
    }
    return ExitCodes.USAGE;
  }

  private static String message(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.toString() : m.replace('\n', ' ');
  }
}
