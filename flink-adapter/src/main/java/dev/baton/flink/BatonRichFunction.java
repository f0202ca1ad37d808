package dev.baton.flink;

import dev.baton.Coordinator;
import dev.baton.codec.Codec;
import dev.baton.config.ConfigWatcher;
import dev.baton.registry.ServiceView;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.apache.flink.api.common.functions.AbstractRichFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rich function with Baton at hand: live config watchers, registry views and metrics, all over
 * the TaskManager's {@linkplain SharedCoordinator shared coordinator} and all closed with the
 * function. Extend it and implement the function interface you need ({@code MapFunction}, {@code
 * FlatMapFunction}, {@code FilterFunction}, ...): together they make the corresponding rich
 * function.
 *
 * <pre>{@code
 * class Tagger extends BatonRichFunction implements MapFunction<Long, String> {
 *   private transient ConfigWatcher<String> tag;
 *
 *   public void open(OpenContext context) throws Exception {
 *     super.open(context);
 *     tag = watchConfig("tag", Codecs.ofString(), "untagged");
 *   }
 *
 *   public String map(Long n) {
 *     return tag.get() + "-" + n;
 *   }
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code
 * dev.baton.flink.examples.BatonRichFunctionExample} in the test sources.
 *
 * <p>Watchers and views made through this class are closed in {@link #close()}, newest first,
 * before the coordinator reference is released. Metrics live under the operator's {@code baton}
 * group: per watched key a gauge {@code config.<key>.version}, per watched service a gauge {@code
 * service.<name>.instances}. Subclasses that override {@link #open} or {@link #close} must call
 * {@code super}.
 *
 * @since 0.1
 */
public abstract class BatonRichFunction extends AbstractRichFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BatonRichFunction.class);

  private final @Nullable Configuration settings;
  private transient @Nullable SharedCoordinator baton;
  private transient @Nullable MetricGroup metrics;
  private transient @Nullable Deque<AutoCloseable> owned;

  /** A function reading its Baton settings from job parameters and {@code config.yaml}. */
  protected BatonRichFunction() {
    this(null);
  }

  /**
   * A function with Baton settings given in code.
   *
   * @param settings Baton options; they win over job parameters and {@code config.yaml}
   */
  protected BatonRichFunction(@Nullable Configuration settings) {
    this.settings = settings == null ? null : new Configuration(settings);
  }

  /**
   * Takes a reference to the shared coordinator and waits until it is connected. Overriding methods
   * must call it first.
   *
   * @param openContext Flink's open context
   * @throws Exception if ZooKeeper is not reachable within {@link BatonOptions#OPEN_TIMEOUT}
   */
  @Override
  public void open(OpenContext openContext) throws Exception {
    SharedCoordinator ref = SharedCoordinator.acquire(getRuntimeContext(), settings);
    baton = ref;
    owned = new ArrayDeque<>();
    metrics = getRuntimeContext().getMetricGroup().addGroup("baton");
    ref.awaitConnected();
  }

  /**
   * The shared coordinator, for anything else Baton offers. Do not close it.
   *
   * @return the coordinator
   * @throws IllegalStateException before {@code open()} or after {@code close()}
   */
  protected final Coordinator coordinator() {
    SharedCoordinator ref = baton;
    if (ref == null) {
      throw new IllegalStateException(getClass().getName() + " is not open");
    }
    return ref.coordinator();
  }

  /**
   * The operator's {@code baton} metric group, for metrics of your own.
   *
   * @return the group
   * @throws IllegalStateException before {@code open()}
   */
  protected final MetricGroup batonMetrics() {
    return Objects.requireNonNull(metrics, "open() did not call super.open()");
  }

  /**
   * Watches a config key, closed with this function; the key's value is read before this returns.
   *
   * @param key the config key
   * @param codec how its bytes become values
   * @param defaultValue the value while the key has none, or {@code null} for none
   * @param <T> the value's type
   * @return the watcher
   * @throws IllegalArgumentException if the key is invalid
   * @throws IllegalStateException before {@code open()}
   */
  protected final <T> ConfigWatcher<T> watchConfig(
      String key, Codec<T> codec, @Nullable T defaultValue) {
    ConfigWatcher.Builder<T> b = coordinator().config(key, codec);
    if (defaultValue != null) {
      b.defaultValue(defaultValue);
    }
    ConfigWatcher<T> w = own(b.watch());
    batonMetrics()
        .gauge("config." + key + ".version", (Gauge<Integer>) () -> w.current().version());
    return w;
  }

  /**
   * Watches the instances of a registered service, closed with this function.
   *
   * @param service the service name
   * @return the live view, loaded before this returns
   * @throws IllegalArgumentException if the name is invalid
   * @throws IllegalStateException before {@code open()}
   */
  protected final ServiceView watchService(String service) {
    ServiceView v = own(coordinator().registry().watch(service));
    batonMetrics()
        .gauge("service." + service + ".instances", (Gauge<Integer>) () -> v.instances().size());
    return v;
  }

  private <R extends AutoCloseable> R own(R resource) {
    Objects.requireNonNull(owned, "open() did not call super.open()").push(resource);
    return resource;
  }

  /**
   * Closes the watchers and views made here, then releases the coordinator. Overriding methods must
   * call it.
   *
   * @throws Exception never from this class: failures to close are logged
   */
  @Override
  public void close() throws Exception {
    Deque<AutoCloseable> resources = owned;
    while (resources != null && !resources.isEmpty()) {
      AutoCloseable r = resources.pop();
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", r, e);
      }
    }
    if (baton != null) {
      baton.close();
      baton = null;
    }
  }
}
