package dev.baton.flink;

import dev.baton.Coordinator;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;

/**
 * What a config source follows, for the {@link ConfigReader} they share: one key ({@link
 * ConfigSource}) or one group ({@link ConfigGroupSource}). The reader does the rest: the queue, the
 * idle marking, the split and the shared coordinator.
 *
 * @param <E> the records it turns changes into
 */
interface ConfigFeed<E> {
  /** {@return the Baton settings given in code} */
  Configuration settings();

  /**
   * Starts following the split: pushes the current state first, then each change. May push from any
   * thread, and may push a record twice or out of order: {@link Subscription#admit} sorts that out
   * on the task thread.
   *
   * @param coordinator the connected shared coordinator
   * @param split the split, as assigned or restored
   * @param push queues a record
   * @return the subscription, closed by the reader
   */
  Subscription<E> follow(Coordinator coordinator, ConfigSplit split, Consumer<E> push);

  /** A running follow. */
  interface Subscription<E> extends AutoCloseable {
    /** Whether a queued record is news after what was emitted; called on the task thread. */
    boolean admit(E record);

    /** {@return the split as a checkpoint should keep it; called on the task thread} */
    ConfigSplit position();

    @Override
    void close();
  }
}
