package dev.baton.flink;

import dev.baton.testing.Await;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/** Waits for a condition while a job runs, failing at once if the job fails. */
final class JobAwait {
  static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final Duration STATUS_INTERVAL = Duration.ofMillis(500);

  private JobAwait() {}

  static void until(JobClient job, BooleanSupplier condition, String what) {
    long[] nextStatusCheck = {System.nanoTime()};
    Await.until(
        DEADLINE,
        () -> {
          if (condition.getAsBoolean()) {
            return true;
          }
          // The job's status is an RPC: ask twice a second, not at every poll.
          if (System.nanoTime() - nextStatusCheck[0] < 0) {
            return false;
          }
          nextStatusCheck[0] = System.nanoTime() + STATUS_INTERVAL.toNanos();
          JobStatus status = status(job);
          if (status.isGloballyTerminalState()) {
            throw new AssertionError("job ended " + status + " while waiting for: " + what);
          }
          return false;
        },
        what);
  }

  private static JobStatus status(JobClient job) {
    try {
      return job.getJobStatus().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the job's status", e);
    }
  }
}
