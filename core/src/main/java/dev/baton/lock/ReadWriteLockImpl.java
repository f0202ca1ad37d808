package dev.baton.lock;

/** Two policies over one queue: readers share, writers exclude. */
final class ReadWriteLockImpl implements ReadWriteLock {
  private static final String READ = "read-";
  private static final String WRITE = "write-";

  private final QueueLock queue;
  private final String name;
  private final DistributedLock read;
  private final DistributedLock write;

  ReadWriteLockImpl(QueueLock queue, String name) {
    this.queue = queue;
    this.name = name;
    this.read = new PolicyLock(queue, QueuePolicy.shared(READ, WRITE), name);
    this.write = new PolicyLock(queue, QueuePolicy.exclusive(WRITE), name);
  }

  @Override
  public DistributedLock readLock() {
    return read;
  }

  @Override
  public DistributedLock writeLock() {
    return write;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    queue.close();
  }

  @Override
  public String toString() {
    return queue.description();
  }
}
