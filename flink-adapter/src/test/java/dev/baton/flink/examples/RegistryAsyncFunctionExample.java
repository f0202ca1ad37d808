package dev.baton.flink.examples;

import static java.net.http.HttpResponse.BodyHandlers.ofString;

import dev.baton.flink.RegistryAsyncFunction;
import dev.baton.registry.ServiceInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.util.retryable.AsyncRetryStrategies;
import org.apache.flink.streaming.util.retryable.RetryPredicates;

/** The example of {@link RegistryAsyncFunction}'s javadoc, compiled. */
class RegistryAsyncFunctionExample {
  record Click(String user) {
    EnrichedClick enrich(String profile) {
      return new EnrichedClick(user, profile);
    }
  }

  record EnrichedClick(String user, String profile) {}

  static final HttpClient httpClient = HttpClient.newHttpClient();

  static HttpRequest profileRequest(String address, Click click) {
    return HttpRequest.newBuilder(URI.create("http://" + address + "/profiles/" + click.user()))
        .build();
  }

  static class Enrich extends RegistryAsyncFunction<Click, EnrichedClick> {
    Enrich() {
      super("profile-service", null);
    }

    @Override
    protected CompletionStage<EnrichedClick> call(Click click, ServiceInstance endpoint) {
      return httpClient
          .sendAsync(profileRequest(endpoint.address(), click), ofString())
          .thenApply(response -> click.enrich(response.body()));
    }
  }

  static DataStream<EnrichedClick> wire(DataStream<Click> clicks) {
    return AsyncDataStream.unorderedWaitWithRetry(
        clicks,
        new Enrich(),
        5,
        TimeUnit.SECONDS,
        100,
        new AsyncRetryStrategies.FixedDelayRetryStrategyBuilder<EnrichedClick>(3, 100)
            .ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE)
            .build());
  }
}
