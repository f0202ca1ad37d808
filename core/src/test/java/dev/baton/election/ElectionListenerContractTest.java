package dev.baton.election;

import dev.baton.Listenable;
import dev.baton.ListenerContract;
import dev.baton.testing.Await;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link LeaderElection} keeps the listener contract: relinquishing makes it notify (revoked, a
 * leader change, elected again); its default thread is the election's events thread.
 */
class ElectionListenerContractTest extends ListenerContract<ElectionListener> {
  private LeaderElection election;

  @Override
  protected Listenable<ElectionListener> open() throws Exception {
    AtomicBoolean elected = new AtomicBoolean();
    AtomicBoolean leaderHeard = new AtomicBoolean();
    // Opened only once its first election and first leader change were delivered: nothing is
    // pending when the test adds its listeners.
    election =
        coord
            .leaderElection("contract")
            .participantId("only")
            .onElected(l -> elected.set(true))
            .onLeaderChanged(c -> leaderHeard.set(c.leader().isPresent()))
            .start();
    Await.until(WAIT, () -> elected.get() && leaderHeard.get(), "first election delivered");
    return election;
  }

  @Override
  protected void trigger() {
    election.relinquish();
  }

  @Override
  protected ElectionListener listener(Runnable heard) {
    return new ElectionListener() {
      @Override
      public void onElected(Leadership leadership) {
        heard.run();
      }

      @Override
      public void onRevoked(Leadership leadership, Reason reason) {
        heard.run();
      }

      @Override
      public void onLeaderChanged(LeaderChange change) {
        heard.run();
      }
    };
  }

  @Override
  protected boolean isDefaultDeliveryThread(String threadName) {
    return threadName.startsWith("baton-election-contract-events");
  }
}
