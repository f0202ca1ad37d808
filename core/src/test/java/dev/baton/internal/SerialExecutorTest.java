package dev.baton.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  @Test
  void runsTasksOfAPoolInOrderOneAtATime() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      List<Integer> order = new ArrayList<>(); // unsynchronized on purpose: tasks never overlap
      AtomicInteger running = new AtomicInteger();
      AtomicBoolean overlapped = new AtomicBoolean();
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 2000; i++) {
        int n = i;
        serial.execute(
            () -> {
              if (running.incrementAndGet() != 1) {
                overlapped.set(true);
              }
              order.add(n);
              running.decrementAndGet();
            });
      }
      serial.execute(done::countDown);
      assertTrue(done.await(30, TimeUnit.SECONDS));
      assertFalse(overlapped.get(), "two tasks ran at once");
      assertEquals(2000, order.size());
      for (int i = 0; i < order.size(); i++) {
        assertEquals(i, order.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThrowingTaskDoesNotStopTheNext() {
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    List<String> ran = new ArrayList<>();
    serial.execute(
        () -> {
          throw new IllegalStateException("expected by the test");
        });
    serial.execute(() -> ran.add("after"));
    assertEquals(List.of("after"), ran);
  }

  @Test
  void onADirectExecutorATaskQueuedByATaskRunsAfterItWithoutRecursion() {
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    List<String> ran = new ArrayList<>();
    serial.execute(
        () -> {
          serial.execute(() -> ran.add("inner"));
          ran.add("outer");
        });
    assertEquals(List.of("outer", "inner"), ran);
  }

  @Test
  void aRefusedWorkerThrowsAndDropsOnlyThatTask() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    SerialExecutor serial = new SerialExecutor(pool);
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    List<String> ran = new ArrayList<>();
    assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> ran.add("x")));
    assertThrows(RejectedExecutionException.class, () -> serial.execute(() -> ran.add("y")));
    assertTrue(ran.isEmpty());
  }

  @Test
  void anInterruptDuringOneTaskDoesNotReachTheNext() {
    SerialExecutor serial = new SerialExecutor(Runnable::run);
    AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
    serial.execute(
        () -> {
          serial.execute(() -> nextSawInterrupt.set(Thread.currentThread().isInterrupted()));
          Thread.currentThread().interrupt();
        });
    assertFalse(nextSawInterrupt.get(), "the interrupt leaked into the next task");
    assertTrue(Thread.interrupted(), "restored when the worker returned the thread");
  }
}
