package dev.baton.lock;

import dev.baton.Coordinator;
import dev.baton.internal.ZkErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The locks in use in a coordinator's namespace, by recipe: what an operator's tool lists before
 * showing one lock's {@linkplain DistributedLock#queue() queue}.
 *
 * <pre>{@code
 * LockNames names = LockNames.read(coord);
 * for (String name : names.mutexes()) {
 *   System.out.println(name + ": " + coord.lock(name).queue().holders());
 * }
 * }</pre>
 *
 * <p>A lock's directory is a ZooKeeper container: it exists while someone holds or waits, and the
 * server removes it some time after it empties. So a name listed here may have nobody in its queue.
 *
 * @param mutexes the names of mutexes ({@code coord.lock(name)}), sorted
 * @param readWriteLocks the names of read/write locks, sorted
 * @param semaphores the names of semaphores, sorted
 * @since 0.1
 */
public record LockNames(
    List<String> mutexes, List<String> readWriteLocks, List<String> semaphores) {
  /**
   * Freezes the lists.
   *
   * @throws NullPointerException if a list is null
   */
  public LockNames {
    mutexes = List.copyOf(mutexes);
    readWriteLocks = List.copyOf(readWriteLocks);
    semaphores = List.copyOf(semaphores);
  }

  /**
   * Reads the names once.
   *
   * @param coord the coordinator whose namespace to read
   * @return the names
   * @throws NullPointerException if {@code coord} is null
   * @throws dev.baton.CoordinationException if ZooKeeper cannot be read
   */
  public static LockNames read(Coordinator coord) {
    Objects.requireNonNull(coord, "coord");
    CuratorFramework client = coord.curator();
    return new LockNames(
        children(client, "/locks"), children(client, "/rwlocks"), children(client, "/semaphores"));
  }

  private static List<String> children(CuratorFramework client, String dir) {
    try {
      List<String> names = new ArrayList<>(client.getChildren().forPath(dir));
      names.sort(null);
      return names;
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (Exception e) {
      throw ZkErrors.translate(dir, "list locks", e);
    }
  }
}
