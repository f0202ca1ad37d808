package dev.baton.internal;

import java.util.regex.Pattern;

/**
 * Checks of user-given names and paths, with messages that name the bad value and the rule it
 * breaks. Every check throws {@link IllegalArgumentException}, so bad input never reaches
 * ZooKeeper.
 */
public final class Names {
  /** A name usable as one path segment: letters, digits, {@code . _ -}, not starting with a dot. */
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*");

  private static final int MAX_SEGMENT = 255;

  private Names() {}

  /**
   * Checks a name that becomes one ZooKeeper path segment (a config key, a service, lock or
   * election name).
   *
   * @param what what the name is, for the message, e.g. {@code "lock name"}
   * @param name the name
   * @return {@code name}
   * @throws IllegalArgumentException if the name is empty, too long or has a character outside
   *     letters, digits, {@code . _ -}
   */
  public static String segment(String what, String name) {
    if (name == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (name.length() > MAX_SEGMENT) {
      throw new IllegalArgumentException(
          what + " '" + abbreviate(name) + "' is longer than " + MAX_SEGMENT + " characters");
    }
    if (!SEGMENT.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what
              + " '"
              + name
              + "' is not a valid name: use letters, digits, '.', '_' and '-', not starting with"
              + " '.'");
    }
    return name;
  }

  /**
   * Checks a slash-separated name of one or more segments (a namespace, a hierarchical key).
   *
   * @param what what the name is, for the message
   * @param name the name, without leading or trailing slash, e.g. {@code pipelines/clickstream}
   * @return {@code name}
   * @throws IllegalArgumentException if the name is empty, starts or ends with a slash, or has an
   *     invalid segment
   */
  public static String relativePath(String what, String name) {
    if (name == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (name.startsWith("/") || name.endsWith("/")) {
      throw new IllegalArgumentException(
          what + " '" + name + "' must not start or end with '/' (write it as 'a/b')");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new IllegalArgumentException(what + " '" + name + "' has an empty segment ('//')");
      }
      try {
        segment(what + " segment", segment);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            what + " '" + name + "' is invalid: " + e.getMessage(), e);
      }
    }
    return name;
  }

  /**
   * Checks an absolute ZooKeeper path.
   *
   * @param what what the path is, for the message
   * @param path the path, e.g. {@code /config/etl}
   * @return {@code path}
   * @throws IllegalArgumentException if the path is relative or otherwise invalid
   */
  public static String absolutePath(String what, String path) {
    if (path == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(
          what + " '" + path + "' is relative: ZooKeeper paths start with '/'");
    }
    if (path.equals("/")) {
      return path;
    }
    relativePath(what, path.substring(1));
    return path;
  }

  /**
   * Checks a wait's timeout and turns it into nanoseconds for a {@code System.nanoTime()} deadline,
   * saturating very long timeouts (a common "forever" is {@code
   * Duration.ofSeconds(Long.MAX_VALUE)}, which {@code toNanos()} cannot represent).
   *
   * @param what the parameter's name, for the message, e.g. {@code "timeout"}
   * @param timeout the timeout
   * @return the timeout in nanoseconds, at most {@code Long.MAX_VALUE / 4} so that {@code
   *     System.nanoTime() + result} cannot overflow
   * @throws IllegalArgumentException if the timeout is null or negative
   */
  public static long timeoutNanos(String what, java.time.Duration timeout) {
    if (timeout == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + timeout);
    }
    return timeout.compareTo(MAX_WAIT) > 0 ? Long.MAX_VALUE / 4 : timeout.toNanos();
  }

  private static final java.time.Duration MAX_WAIT = java.time.Duration.ofNanos(Long.MAX_VALUE / 4);

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
