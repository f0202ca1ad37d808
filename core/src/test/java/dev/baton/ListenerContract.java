package dev.baton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.baton.testing.Await;
import dev.baton.testing.ZooKeeperExtension;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener contract every {@link Listenable} recipe keeps, run once per recipe by a subclass
 * that says how to open the recipe and how to make it notify: a listener hears, its handle and
 * {@code removeListener} remove it, a given executor runs it, and a throwing listener harms no
 * other. Absence is checked without sleeping: a removed listener and a later sentinel share one
 * single-thread executor, which runs the recipe's notifications in registration order, so once the
 * sentinel heard, the removed listener would have heard before it.
 *
 * @param <L> the recipe's listener type
 */
public abstract class ListenerContract<L> {
  @RegisterExtension protected static ZooKeeperExtension zk = ZooKeeperExtension.standalone();

  protected static final Duration WAIT = TestCoordinators.WAIT;
  private static final String LISTENER_THREAD = "contract-listener";

  private ExecutorService executor;

  /** The coordinator the recipe was opened with. */
  protected Coordinator coord;

  /**
   * Opens the recipe so that no notification is pending when this returns: every listener added
   * afterwards hears only what {@link #trigger()} causes.
   *
   * @return the recipe
   * @throws Exception if opening fails
   */
  protected abstract Listenable<L> open() throws Exception;

  /**
   * Makes the recipe notify its listeners at least once.
   *
   * @throws Exception if that fails
   */
  protected abstract void trigger() throws Exception;

  /**
   * A listener that runs {@code heard} on every notification it gets.
   *
   * @param heard what to run
   * @return the listener
   */
  protected abstract L listener(Runnable heard);

  /**
   * Whether {@code threadName} is the recipe's documented default delivery thread.
   *
   * @param threadName the name of the thread a listener added without executor ran on
   * @return whether it is the documented one
   */
  protected abstract boolean isDefaultDeliveryThread(String threadName);

  @BeforeEach
  void connect() throws Exception {
    coord = TestCoordinators.connect(zk, "contract/" + getClass().getSimpleName());
    executor = Executors.newSingleThreadExecutor(r -> new Thread(r, LISTENER_THREAD));
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS), "listener executor stopped");
  }

  @Test
  void anAddedListenerHearsOnTheDocumentedDefaultThread() throws Exception {
    Listenable<L> recipe = open();
    AtomicInteger heard = new AtomicInteger();
    AtomicReference<String> thread = new AtomicReference<>();
    recipe.addListener(
        listener(
            () -> {
              thread.compareAndSet(null, Thread.currentThread().getName());
              heard.incrementAndGet();
            }));
    trigger();
    Await.until(WAIT, () -> heard.get() > 0, "the listener heard");
    assertTrue(isDefaultDeliveryThread(thread.get()), "default delivery thread: " + thread.get());
  }

  @Test
  void theExecutorGivenRunsTheListener() throws Exception {
    Listenable<L> recipe = open();
    AtomicReference<String> thread = new AtomicReference<>();
    recipe.addListener(
        listener(() -> thread.compareAndSet(null, Thread.currentThread().getName())), executor);
    trigger();
    Await.until(WAIT, () -> thread.get() != null, "the listener heard");
    assertEquals(LISTENER_THREAD, thread.get());
  }

  @Test
  void closingTheHandleRemovesTheListener() throws Exception {
    Listenable<L> recipe = open();
    AtomicInteger removed = new AtomicInteger();
    recipe.addListener(listener(removed::incrementAndGet), executor).close();
    AtomicInteger sentinel = new AtomicInteger();
    recipe.addListener(listener(sentinel::incrementAndGet), executor);
    trigger();
    Await.until(WAIT, () -> sentinel.get() > 0, "the sentinel heard");
    drainExecutor();
    assertEquals(0, removed.get(), "the listener removed through its handle heard nothing");
  }

  @Test
  void removeListenerRemovesEveryRegistration() throws Exception {
    Listenable<L> recipe = open();
    AtomicInteger removed = new AtomicInteger();
    L twice = listener(removed::incrementAndGet);
    recipe.addListener(twice, executor);
    recipe.addListener(twice, executor);
    recipe.removeListener(twice);
    AtomicInteger sentinel = new AtomicInteger();
    recipe.addListener(listener(sentinel::incrementAndGet), executor);
    trigger();
    Await.until(WAIT, () -> sentinel.get() > 0, "the sentinel heard");
    drainExecutor();
    assertEquals(0, removed.get(), "the removed listener heard nothing");
  }

  @Test
  void aThrowingListenerHarmsNoOtherListener() throws Exception {
    Listenable<L> recipe = open();
    AtomicInteger thrown = new AtomicInteger();
    recipe.addListener(
        listener(
            () -> {
              thrown.incrementAndGet();
              throw new IllegalStateException("a listener that fails, on purpose");
            }),
        executor);
    recipe.addListener(
        listener(
            () -> {
              thrown.incrementAndGet();
              throw new IllegalStateException("a listener that fails, on purpose");
            }));
    AtomicInteger onExecutor = new AtomicInteger();
    AtomicInteger direct = new AtomicInteger();
    recipe.addListener(listener(onExecutor::incrementAndGet), executor);
    recipe.addListener(listener(direct::incrementAndGet));
    trigger();
    Await.until(WAIT, () -> onExecutor.get() > 0, "the listener after a thrower heard");
    Await.until(WAIT, () -> direct.get() > 0, "the default-thread listener heard");
    assertTrue(thrown.get() >= 2, "both throwing listeners were called");
  }

  private void drainExecutor() throws Exception {
    executor.submit(() -> {}).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
