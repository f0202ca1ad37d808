package dev.baton.cli;

import dev.baton.embedded.EmbeddedZooKeeper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baton server}: a development ZooKeeper in the foreground, until Ctrl-C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run a development ZooKeeper server in this process until interrupted.")
final class ServerCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      defaultValue = "2181",
      description = "Client port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--data-dir", description = "Data directory (default: a temporary one).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedZooKeeper.Builder b = EmbeddedZooKeeper.builder().port(port);
    if (dataDir != null) {
      b.dataDir(dataDir);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (EmbeddedZooKeeper zk = b.start()) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    zk.close();
                    stopped.countDown();
                  },
                  "baton-server-shutdown"));
      System.out.println("ZooKeeper serving on " + zk.connectString() + " (Ctrl-C stops)");
      stopped.await();
    }
    return 0;
  }
}
