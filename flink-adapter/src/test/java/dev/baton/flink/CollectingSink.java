package dev.baton.flink;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that puts every record into a queue of this JVM, named so that tests running jobs in a
 * MiniCluster (same JVM) can read what a job produced while it still runs.
 */
final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();

  private final String name;

  private CollectingSink(String name) {
    this.name = name;
  }

  /** A sink into a fresh queue called {@code name}. */
  static <T> CollectingSink<T> into(String name) {
    QUEUES.put(name, new ConcurrentLinkedQueue<>());
    return new CollectingSink<>(name);
  }

  @SuppressWarnings("unchecked")
  static <T> Queue<T> queue(String name) {
    return (Queue<T>) QUEUES.get(name);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    Queue<Object> q = QUEUES.get(name);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        q.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
