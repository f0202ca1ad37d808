package dev.baton.flink;

import dev.baton.registry.DownInstancePolicy;
import dev.baton.registry.InstanceSelector;
import dev.baton.registry.SelectionStrategy;
import dev.baton.registry.ServiceInstance;
import dev.baton.registry.ServiceView;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.jspecify.annotations.Nullable;

/**
 * An async function that sends each request to an instance of a service found in the Baton
 * registry: extend it and implement {@link #call}. Pair it with Flink's async retry, so that a
 * failed request is retried on another instance.
 *
 * <pre>{@code
 * class Enrich extends RegistryAsyncFunction<Click, EnrichedClick> {
 *   Enrich() {
 *     super("profile-service", null);
 *   }
 *
 *   protected CompletionStage<EnrichedClick> call(Click click, ServiceInstance endpoint) {
 *     return httpClient.sendAsync(profileRequest(endpoint.address(), click), ofString())
 *         .thenApply(response -> click.enrich(response.body()));
 *   }
 * }
 *
 * AsyncDataStream.unorderedWaitWithRetry(clicks, new Enrich(), 5, TimeUnit.SECONDS, 100,
 *     new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<EnrichedClick>(3, 100)
 *         .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)
 *         .build());
 * }</pre>
 *
 * <p>The compiled version of this example is {@code
 * dev.baton.flink.examples.RegistryAsyncFunctionExample} in the test sources.
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>{@code open()} starts a live view of the service through the TaskManager's {@linkplain
 *       SharedCoordinator shared coordinator}; each request picks an {@code UP} instance from its
 *       in-memory snapshot ({@link #selectionStrategy()}, round robin by default, or consistent
 *       hashing on {@link #routingKey}).
 *   <li>A failed call marks its instance; after {@link #downInstancePolicy()}'s threshold (1 by
 *       default) the instance is skipped for a while (30 s by default), so a retry lands on another
 *       one. A successful call clears the mark.
 *   <li>With no instance available the request fails with {@link NoEndpointException} (counted),
 *       which a retry strategy may retry.
 *   <li>Metrics under the {@code baton} group: gauge {@code instances} (UP instances seen),
 *       counters {@code noEndpoint} and {@code endpointErrors}.
 * </ul>
 *
 * <p>Subclasses that override {@link #open} or {@link #close} must call {@code super}.
 *
 * @param <IN> the requests' type
 * @param <OUT> the results' type
 * @since 0.1
 */
public abstract class RegistryAsyncFunction<IN, OUT> extends RichAsyncFunction<IN, OUT> {
  private static final long serialVersionUID = 1L;

  private final String service;
  private final @Nullable Configuration settings;
  private transient @Nullable SharedCoordinator baton;
  private transient @Nullable ServiceView view;
  private transient @Nullable InstanceSelector selector;
  private transient @Nullable Counter noEndpoint;
  private transient @Nullable Counter endpointErrors;

  /**
   * A function calling instances of {@code service}.
   *
   * @param service the registered service name
   * @param settings Baton options given in code, or {@code null} for job parameters and {@code
   *     config.yaml}
   * @throws IllegalArgumentException if the service name is blank
   */
  protected RegistryAsyncFunction(String service, @Nullable Configuration settings) {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("service name must not be blank");
    }
    this.service = service;
    this.settings = settings == null ? null : new Configuration(settings);
  }

  /**
   * Sends one request to {@code endpoint}.
   *
   * @param input the request
   * @param endpoint the chosen instance
   * @return the result, completed exceptionally if the call failed
   */
  protected abstract CompletionStage<OUT> call(IN input, ServiceInstance endpoint);

  /**
   * How instances are chosen. Default round robin. Called once, in {@code open()}.
   *
   * @return the strategy
   */
  protected SelectionStrategy selectionStrategy() {
    return SelectionStrategy.roundRobin();
  }

  /**
   * When a failing instance is skipped. Default: after 1 failed call, for 30 s. Called once, in
   * {@code open()}.
   *
   * @return the policy
   */
  protected DownInstancePolicy downInstancePolicy() {
    return DownInstancePolicy.custom().errorThreshold(1).exclusion(Duration.ofSeconds(30)).build();
  }

  /**
   * The key for consistent hashing. Default none.
   *
   * @param input the request
   * @return the key, or {@code null} to let the strategy choose without one
   */
  protected @Nullable String routingKey(IN input) {
    return null;
  }

  /**
   * Starts the service view. Overriding methods must call it.
   *
   * @param openContext Flink's open context
   * @throws Exception if ZooKeeper cannot be reached
   */
  @Override
  public void open(OpenContext openContext) throws Exception {
    SharedCoordinator ref = SharedCoordinator.acquire(getRuntimeContext(), settings);
    baton = ref;
    ServiceView v = ref.awaitConnected().registry().watch(service);
    view = v;
    selector = v.selector(selectionStrategy(), downInstancePolicy());
    MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("baton");
    group.gauge("instances", (Gauge<Integer>) () -> v.instances().size());
    noEndpoint = group.counter("noEndpoint");
    endpointErrors = group.counter("endpointErrors");
  }

  @Override
  public final void asyncInvoke(IN input, ResultFuture<OUT> resultFuture) {
    InstanceSelector s = Objects.requireNonNull(selector, "open() did not call super.open()");
    String key = routingKey(input);
    Optional<ServiceInstance> target = key == null ? s.select() : s.select(key);
    if (target.isEmpty()) {
      Objects.requireNonNull(noEndpoint).inc();
      resultFuture.completeExceptionally(new NoEndpointException(service));
      return;
    }
    ServiceInstance endpoint = target.get();
    CompletionStage<OUT> result;
    try {
      result = Objects.requireNonNull(call(input, endpoint), "call() returned null");
    } catch (RuntimeException e) {
      failed(s, endpoint, resultFuture, e);
      return;
    }
    result.whenComplete(
        (out, error) -> {
          if (error != null) {
            failed(s, endpoint, resultFuture, error);
          } else {
            s.reportSuccess(endpoint);
            resultFuture.complete(out == null ? List.of() : List.of(out));
          }
        });
  }

  private void failed(
      InstanceSelector s, ServiceInstance endpoint, ResultFuture<OUT> future, Throwable error) {
    s.reportError(endpoint);
    Objects.requireNonNull(endpointErrors).inc();
    future.completeExceptionally(error);
  }

  /**
   * Stops the view and releases the shared coordinator. Overriding methods must call it.
   *
   * @throws Exception never from this class
   */
  @Override
  public void close() throws Exception {
    try {
      if (view != null) {
        view.close();
      }
    } finally {
      if (baton != null) {
        baton.close();
      }
    }
  }

  /** Thrown (as a failed request) when the service has no instance to send a request to. */
  public static final class NoEndpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoEndpointException(String service) {
      super("no UP instance of service '" + service + "' in the Baton registry");
    }
  }
}
