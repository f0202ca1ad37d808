package dev.baton.flume;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good config of an agent on local disk, so that the agent starts while ZooKeeper is
 * unreachable. A properties file holding the agent's merged properties and, under a key no agent
 * can own, the version they came from. Written to a temporary file and moved into place, so a crash
 * mid-write leaves the previous copy intact.
 */
final class ConfigBackup {
  /** The key holding the version; it has no agent prefix, so merging drops it. */
  static final String VERSION_KEY = ".baton.config.version";

  private static final Logger LOG = LoggerFactory.getLogger(ConfigBackup.class);

  private final Path file;

  ConfigBackup(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /** A version and the properties it names. */
  record Copy(String version, SortedMap<String, String> properties) {}

  void write(String version, Map<String, String> properties) {
    Properties p = new Properties();
    p.putAll(properties);
    p.setProperty(VERSION_KEY, version);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "Last good Flume agent config, written by Baton; do not edit");
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config backup " + file + ": " + e, e);
    }
  }

  /** Logs that an agent without a backup file has nothing to start from. */
  static Optional<Copy> none(String agent) {
    LOG.warn("Agent {}: no config in ZooKeeper and no backup file: nothing to run", agent);
    return Optional.empty();
  }

  /** The stored copy for an agent starting without ZooKeeper's config, or empty, logged. */
  Optional<Copy> readForStart(String agent) {
    try {
      Optional<Copy> copy = read();
      if (copy.isEmpty()) {
        LOG.warn("Agent {}: no config in ZooKeeper and backup {} does not exist", agent, file);
      } else {
        LOG.warn(
            "Agent {}: ZooKeeper has no config for it (unreachable or key missing): starting"
                + " from backup {}",
            agent,
            file);
      }
      return copy;
    } catch (UncheckedIOException e) {
      LOG.error("Agent {}: backup {} unusable: {}", agent, file, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The stored copy.
   *
   * @return the copy, or empty if there is no file
   * @throws UncheckedIOException if the file exists but cannot be read
   */
  Optional<Copy> read() {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          "cannot read the config backup " + file + ": " + e, new IOException(e));
    }
    String version = p.getProperty(VERSION_KEY, "unknown");
    p.remove(VERSION_KEY);
    SortedMap<String, String> props = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      props.put(name, p.getProperty(name));
    }
    return Optional.of(new Copy(version, props));
  }
}
