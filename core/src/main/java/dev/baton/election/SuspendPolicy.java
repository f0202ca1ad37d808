package dev.baton.election;

/**
 * What a leader does when its connection to ZooKeeper is suspended.
 *
 * @since 0.1
 */
public enum SuspendPolicy {
  /**
   * The default: revoke at once on SUSPENDED. The session cannot expire on the server (and another
   * participant cannot be elected) before the client has been silent for the whole session timeout,
   * while the client suspends after two thirds of it at most; so the old leader stops before a new
   * one starts. A short network blip costs a leadership change, or a re-election of the same
   * participant with the same epoch if its connection comes back in time.
   */
  FAIL_SAFE,
  /**
   * Keep leading through a suspension; revoke only when the session is lost. Fewer leadership
   * changes on a flaky network, at a risk: between the session's expiry on the server and the
   * client hearing of it, another participant may already lead while this one still believes it
   * does. {@link Leadership#isValid()} still turns false once the ZooKeeper leader has not answered
   * for about half the session timeout or the session has changed, and guarded writes are still
   * refused, but {@code onRevoked} comes only with the loss.
   */
  TOLERATE_SUSPENSION
}
