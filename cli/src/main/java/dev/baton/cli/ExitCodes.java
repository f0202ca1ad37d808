package dev.baton.cli;

/** The exit statuses of {@code baton}, documented in docs/cli.md; scripts depend on them. */
final class ExitCodes {
  static final int OK = 0;
  static final int USAGE = 1;
  static final int NOT_FOUND = 2;
  static final int CONFLICT = 3;
  static final int CONNECTION = 4;
  static final int REFUSED = 5;

  private ExitCodes() {}
}
