package dev.baton.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factory whose threads are daemons named {@code baton-<purpose>-<n>}. */
public final class NamedThreads implements ThreadFactory {
  /** Prefix of every thread Baton starts. */
  public static final String PREFIX = "baton-";

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private NamedThreads(String purpose) {
    this.prefix = PREFIX + purpose + "-";
  }

  /**
   * A factory for threads of one purpose.
   *
   * @param purpose a short name such as {@code config-etl}
   * @return the factory
   */
  public static ThreadFactory of(String purpose) {
    return new NamedThreads(purpose);
  }

  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r, prefix + count.incrementAndGet());
    t.setDaemon(true);
    return t;
  }
}
