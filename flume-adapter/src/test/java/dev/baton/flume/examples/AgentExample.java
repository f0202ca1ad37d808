package dev.baton.flume.examples;

import dev.baton.flume.BatonAgent;

/** What {@code bin/flume-ng agent} runs once {@code FLUME_AGENT_CLASS} names {@link BatonAgent}. */
public final class AgentExample {
  private AgentExample() {}

  /** Starts agent {@code a1}; the agent stops with the JVM. */
  public static void main(String[] args) {
    BatonAgent.main(
        new String[] {
          "-n",
          "a1",
          "-z",
          "zk1:2181,zk2:2181",
          "-p",
          "pipelines/clickstream",
          "-b",
          "/var/lib/flume"
        });
  }
}
