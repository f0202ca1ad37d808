package dev.baton.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.Coordinator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.apache.curator.framework.CuratorFramework;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobExecutionStatusEvent;
import org.apache.flink.core.execution.JobStatusChangedEvent;
import org.apache.flink.core.execution.JobStatusChangedListener;
import org.apache.flink.core.execution.JobStatusChangedListenerFactory;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every job status transition to ZooKeeper: one persistent node per job at {@code
 * <baton.job-status.path>/<job id>} (default {@code /flink-jobs}), holding JSON {@code {"jobId",
 * "jobName", "status", "previous", "error", "time"}}, so that external tools see job liveness
 * without polling Flink's REST API. Enable it in {@code config.yaml} next to the Baton options:
 *
 * <pre>{@code
 * execution.job-status-changed-listeners: dev.baton.flink.JobStatusListenerFactory
 * baton.zookeeper.connect: zk1:2181,zk2:2181,zk3:2181
 * }</pre>
 *
 * <p>Flink calls listeners on the JobManager (and on the client that submitted the job); writes run
 * on Flink's I/O executor, never on the caller's thread, one at a time and in the order of the
 * events, and a failed write is logged, never thrown. The listener shares the JVM's {@linkplain
 * SharedCoordinator coordinator} for the job's classloader while the job runs and releases it after
 * writing a globally terminal status; events after that one are ignored, so the node keeps the
 * terminal status. Nodes are persistent: delete them when a job's history no longer matters.
 *
 * @since 0.1
 */
public final class JobStatusListenerFactory implements JobStatusChangedListenerFactory {
  private static final Logger LOG = LoggerFactory.getLogger(JobStatusListenerFactory.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A factory, as Flink makes it from {@code execution.job-status-changed-listeners}. */
  public JobStatusListenerFactory() {}

  /**
   * {@inheritDoc}
   *
   * @param context Flink's configuration, classloader and I/O executor
   * @return a listener writing status nodes
   */
  @Override
  public JobStatusChangedListener createListener(Context context) {
    Configuration settings =
        BatonSettings.resolve(
            null,
            null,
            () -> {
              Configuration c = BatonSettings.clusterConfiguration();
              c.addAll(context.getConfiguration());
              return c;
            });
    return new Listener(settings, context.getUserClassLoader(), context.getIOExecutor());
  }

  private static final class Listener implements JobStatusChangedListener {
    private final Configuration settings;
    private final ClassLoader loader;
    // Flink's I/O executor has several threads: the lane keeps the writes in the events' order.
    private final Executor lane;
    // Both touched on the lane only.
    private @Nullable SharedCoordinator baton;
    private boolean terminated;

    Listener(Configuration settings, ClassLoader loader, Executor io) {
      this.settings = settings;
      this.loader = loader;
      this.lane = new SerialExecutor(io);
    }

    @Override
    public void onEvent(JobStatusChangedEvent event) {
      if (!(event instanceof JobExecutionStatusEvent status)) {
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("jobId", status.jobId().toHexString());
      body.put("jobName", status.jobName());
      body.put("status", status.newStatus().name());
      body.put("previous", status.oldStatus() == null ? null : status.oldStatus().name());
      body.put("error", status.exception() == null ? null : status.exception().toString());
      body.put("time", System.currentTimeMillis());
      boolean last = status.newStatus().isGloballyTerminalState();
      lane.execute(() -> write(status.jobId().toHexString(), body, last));
    }

    private void write(String jobId, Map<String, Object> body, boolean last) {
      String path = settings.get(BatonOptions.JOB_STATUS_PATH) + "/" + jobId;
      if (terminated) {
        LOG.debug("Job {} already terminal: status {} not written", jobId, body.get("status"));
        return;
      }
      terminated = last;
      try {
        if (baton == null) {
          baton = CoordinatorPool.acquire(loader, settings, hook -> {});
        }
        Coordinator coord = baton.awaitConnected();
        CuratorFramework zk = coord.curator();
        byte[] data = JSON.writeValueAsBytes(body);
        try {
          zk.setData().forPath(path, data);
        } catch (KeeperException.NoNodeException e) {
          try {
            zk.create().creatingParentContainersIfNeeded().forPath(path, data);
          } catch (KeeperException.NodeExistsException raced) {
            // The client and the JobManager both report: the other created it just now.
            zk.setData().forPath(path, data);
          }
        }
      } catch (Exception e) {
        LOG.warn("Writing job status {} to {} failed", body.get("status"), path, e);
      } finally {
        if (last && baton != null) {
          baton.close();
          baton = null;
        }
      }
    }
  }
}
