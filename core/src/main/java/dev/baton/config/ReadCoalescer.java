package dev.baton.config;

/**
 * Keeps at most one read of a watched node in flight: a change noticed while a read is in flight
 * asks for exactly one more read after it, however many changes there were, so bursts of writes
 * cost two reads, not one per write. Shared by the key watch and the group watch.
 *
 * <p>Thread-safe.
 */
final class ReadCoalescer {
  private boolean reading; // guarded by this
  private boolean dirty; // guarded by this

  /**
   * A change was noticed.
   *
   * @return whether the caller must start a read now; if not, the read in flight is followed by one
   *     more
   */
  synchronized boolean changed() {
    if (reading) {
      dirty = true;
      return false;
    }
    reading = true;
    return true;
  }

  /** The caller starts a read now whatever is in flight (after a reconnect); it covers all asks. */
  synchronized void restart() {
    reading = true;
    dirty = false;
  }

  /** The read in flight cannot be trusted (it saw a write half-way): one more must follow it. */
  synchronized void readAgain() {
    dirty = true;
  }

  /**
   * The read in flight ended.
   *
   * @param mayContinue false if no read may follow (it failed, or the watch closed)
   * @return whether the caller must start the next read now
   */
  synchronized boolean finished(boolean mayContinue) {
    boolean again = mayContinue && dirty;
    dirty = false;
    reading = again;
    return again;
  }
}
