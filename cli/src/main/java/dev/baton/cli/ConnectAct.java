package dev.baton.cli;

import dev.baton.Coordinator;

/** Act 1: a coordinator connects and reports its session. */
final class ConnectAct implements DemoAct {
  @Override
  public String title() {
    return "Connect: one Coordinator, one ZooKeeper session";
  }

  @Override
  public void play(DemoStage stage) throws Exception {
    long start = System.nanoTime();
    Coordinator coord = stage.coordinator("worker");
    long micros = (System.nanoTime() - start) / 1_000;
    stage.say(
        "connected to %s in %.1f ms: session 0x%s, negotiated timeout %d ms, state %s",
        coord.connectString(),
        micros / 1000.0,
        Long.toHexString(coord.sessionId()),
        coord.negotiatedSessionTimeout().toMillis(),
        coord.connectionState());
  }
}
