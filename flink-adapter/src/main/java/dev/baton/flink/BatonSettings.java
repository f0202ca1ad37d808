package dev.baton.flink;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * Where an operator's Baton settings come from, most specific first: what the operator was given in
 * code, the job parameters, then the TaskManager's {@code config.yaml}. Only {@code baton.*} keys
 * are taken from the wider layers, so a job parameter never shadows an unrelated Flink option.
 */
final class BatonSettings {
  static final String PREFIX = "baton.";

  private BatonSettings() {}

  static Configuration resolve(
      @Nullable Configuration code,
      @Nullable Map<String, String> jobParameters,
      Supplier<Configuration> cluster) {
    Configuration merged = new Configuration();
    copyBaton(cluster.get().toMap(), merged);
    if (jobParameters != null) {
      copyBaton(jobParameters, merged);
    }
    if (code != null) {
      copyBaton(code.toMap(), merged);
    }
    return merged;
  }

  /** The TaskManager's {@code config.yaml}, or nothing outside a Flink process. */
  static Configuration clusterConfiguration() {
    // Reads FLINK_CONF_DIR, which every JobManager and TaskManager process has; empty otherwise.
    return GlobalConfiguration.loadConfiguration(new Configuration());
  }

  private static void copyBaton(Map<String, String> from, Configuration to) {
    from.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            to.setString(k, v);
          }
        });
  }
}
