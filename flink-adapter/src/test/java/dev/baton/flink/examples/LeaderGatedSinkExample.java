package dev.baton.flink.examples;

import dev.baton.election.Leadership;
import dev.baton.flink.LeaderGatedSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The example of {@link LeaderGatedSink}'s javadoc, compiled. */
class LeaderGatedSinkExample {
  record Alert(String text) {}

  /** A client of an external system that takes a fencing token with each call. */
  static final class PagerClient {
    static void send(Alert alert, long fencingToken) {}
  }

  static void wire(DataStream<Alert> alerts) {
    LeaderGatedSink<Alert> pager =
        LeaderGatedSink.builder(
                "pager",
                (Alert alert, Leadership leader) -> PagerClient.send(alert, leader.epoch()))
            .whenNotLeader(LeaderGatedSink.NotLeader.SKIP)
            .build();
    alerts.sinkTo(pager).setParallelism(2);
  }
}
