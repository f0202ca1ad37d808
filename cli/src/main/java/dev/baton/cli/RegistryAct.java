package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.registry.InstanceSelector;
import dev.baton.registry.Registration;
import dev.baton.registry.RegistrationListener;
import dev.baton.registry.SelectionStrategy;
import dev.baton.registry.ServiceInstance;
import dev.baton.registry.ServiceView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Act: collectors register, a client's view picks among them, one collector's session expires and
 * the view drops it, then the registry brings it back by itself.
 */
final class RegistryAct implements DemoAct {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Override
  public String title() {
    return "Service registry: collectors come and go, clients always see who is there";
  }

  @Override
  public void play(DemoStage stage) throws Exception {
    List<Coordinator> collectors = new ArrayList<>();
    List<Registration> registrations = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Coordinator coord = stage.coordinator("collector-" + i);
      collectors.add(coord);
      registrations.add(
          coord
              .registry()
              .register(
                  ServiceInstance.builder("collector")
                      .id("collector-" + i)
                      .host("127.0.0.1")
                      .port(4140 + i)
                      .build()));
    }
    stage.say("3 collectors registered under /services/collector");

    Coordinator client = stage.coordinator("sink");
    ServiceView view = client.registry().watch("collector");
    if (!view.awaitInstances(3, WAIT)) {
      throw new IllegalStateException("the view did not see 3 collectors: " + view.instances());
    }
    InstanceSelector pick = view.selector(SelectionStrategy.roundRobin());
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(pick.select().orElseThrow().id());
    }
    stage.say("the sink's view sees %d; round robin picks %s", view.instances().size(), picks);

    CountDownLatch dropped = new CountDownLatch(1);
    CountDownLatch back = new CountDownLatch(1);
    view.addListener(
        (added, removed, updated) -> {
          if (removed.stream().anyMatch(i -> i.id().equals("collector-2"))) {
            dropped.countDown();
          }
          if (added.stream().anyMatch(i -> i.id().equals("collector-2"))) {
            back.countDown();
          }
        });
    CountDownLatch reRegistered = new CountDownLatch(1);
    registrations
        .get(1)
        .addListener(
            new RegistrationListener() {
              @Override
              public void onReRegistered(ServiceInstance instance, long sessionId) {
                reRegistered.countDown();
              }
            });

    long start = System.nanoTime();
    stage.expireSession(collectors.get(1));
    await(dropped, "the view to drop collector-2");
    stage.say(
        "collector-2's session expired: the view dropped it after %.1f ms, now %s",
        millisSince(start), ids(view));
    await(back, "collector-2 to come back");
    await(reRegistered, "collector-2's registration to report re-registration");
    stage.say(
        "collector-2 re-registered itself in its new session: back after %.1f ms, now %s",
        millisSince(start), ids(view));
  }

  private static List<String> ids(ServiceView view) {
    return view.instances().stream().map(ServiceInstance::id).toList();
  }

  private static void await(CountDownLatch latch, String what) throws InterruptedException {
    if (!latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("timed out waiting for " + what);
    }
  }

  private static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }
}
