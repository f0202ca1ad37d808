package dev.baton.lock;

/** A semaphore: a {@link PolicyLock} with a counting policy. */
final class SemaphoreImpl extends PolicyLock implements Semaphore {
  private final int permits;

  SemaphoreImpl(QueueLock queue, String name, int permits) {
    super(queue, QueuePolicy.counting("permit-", permits), name);
    this.permits = permits;
  }

  @Override
  public int permits() {
    return permits;
  }
}
