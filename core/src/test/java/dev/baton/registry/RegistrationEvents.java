package dev.baton.registry;

import dev.baton.CoordinationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a registration's listener hears. */
final class RegistrationEvents implements RegistrationListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<CoordinationException> failures = new CopyOnWriteArrayList<>();

  @Override
  public void onLost(ServiceInstance instance) {
    events.add("lost");
  }

  @Override
  public void onReRegistered(ServiceInstance instance, long sessionId) {
    events.add("reregistered");
  }

  @Override
  public void onReRegistrationFailed(CoordinationException cause, int attempt) {
    events.add("failed#" + attempt);
    failures.add(cause);
  }
}
