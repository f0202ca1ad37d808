package dev.baton;

import java.util.List;

/** Finds threads that a coordinator's client starts and must stop on close. */
final class ThreadCheck {
  private ThreadCheck() {}

  static List<String> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            n ->
                n.startsWith("baton-")
                    || n.startsWith("Curator-")
                    || n.contains("-SendThread(")
                    || n.contains("-EventThread"))
        .toList();
  }
}
