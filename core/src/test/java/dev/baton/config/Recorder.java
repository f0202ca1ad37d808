package dev.baton.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A listener that records what it hears and checks order and overlap as it goes. */
final class Recorder<T> implements ConfigListener<T> {
  final List<Versioned<T>> changes = new CopyOnWriteArrayList<>();
  final List<ConfigRejection> rejections = new CopyOnWriteArrayList<>();
  final List<String> violations = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  @Override
  public void onChange(Versioned<T> previous, Versioned<T> current) {
    enter();
    try {
      if (!changes.isEmpty()) {
        Versioned<T> last = changes.get(changes.size() - 1);
        if (!previous.equals(last)) {
          violations.add("previous " + previous + " is not the last heard " + last);
        }
        if (current.isStored() && last.isStored() && current.mzxid() <= last.mzxid()) {
          violations.add("older or same version after newer: " + last + " then " + current);
        }
      }
      changes.add(current);
    } finally {
      exit();
    }
  }

  @Override
  public void onRejected(ConfigRejection rejection) {
    enter();
    try {
      rejections.add(rejection);
    } finally {
      exit();
    }
  }

  private void enter() {
    if (inFlight.incrementAndGet() != 1) {
      violations.add("listener ran concurrently with itself");
    }
  }

  private void exit() {
    inFlight.decrementAndGet();
  }

  Versioned<T> last() {
    return changes.get(changes.size() - 1);
  }

  boolean heardValue(T value) {
    return !changes.isEmpty() && value.equals(last().value());
  }

  void assertClean() {
    assertTrue(violations.isEmpty(), "violations: " + violations);
  }
}
