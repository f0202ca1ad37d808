package dev.baton.lock;

import dev.baton.internal.QueueNodes.Child;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who may hold, given the queue: the one thing a mutex, a semaphore and a read/write lock differ
 * in.
 */
interface QueuePolicy {
  /** Returned by {@link #blocker} when the waiter must watch the whole queue. */
  String WHOLE_QUEUE = "";

  /** {@return the name prefix of this policy's nodes} */
  String kind();

  /**
   * Decides for the node at {@code me}.
   *
   * @param queue the queue, in order
   * @param me the position of the node deciding
   * @return {@code null} if it holds; otherwise the name of the node whose departure it waits for,
   *     or {@link #WHOLE_QUEUE}
   */
  @Nullable String blocker(List<Child> queue, int me);

  /** Exclusive: the first node holds; each waiter waits for the one just before it. */
  static QueuePolicy exclusive(String kind) {
    return new QueuePolicy() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public @Nullable String blocker(List<Child> queue, int me) {
        return me == 0 ? null : queue.get(me - 1).name();
      }
    };
  }

  /** Shared with nodes of its own kind: holds while no node of {@code exclusiveKind} is ahead. */
  static QueuePolicy shared(String kind, String exclusiveKind) {
    return new QueuePolicy() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public @Nullable String blocker(List<Child> queue, int me) {
        for (int i = me - 1; i >= 0; i--) {
          if (queue.get(i).kind().equals(exclusiveKind)) {
            return queue.get(i).name();
          }
        }
        return null;
      }
    };
  }

  /**
   * Counting: the first {@code permits} nodes hold. Any holder may leave first, so waiters watch
   * the queue (a predecessor that starts holding does not leave, so watching it would miss that).
   */
  static QueuePolicy counting(String kind, int permits) {
    return new QueuePolicy() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public @Nullable String blocker(List<Child> queue, int me) {
        return me < permits ? null : WHOLE_QUEUE;
      }
    };
  }
}
