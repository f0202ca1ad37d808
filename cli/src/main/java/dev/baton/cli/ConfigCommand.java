package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.ListenerHandle;
import dev.baton.config.ConfigListener;
import dev.baton.config.ConfigRejection;
import dev.baton.config.ConfigStore;
import dev.baton.config.ConfigWatcher;
import dev.baton.config.HistoryEntry;
import dev.baton.config.Versioned;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton config ...}: read, write, follow and roll back typed config keys. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Read, write, watch and roll back config keys.")
final class ConfigCommand {
  @Spec CommandSpec spec;

  @Option(
      names = "--codec",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      defaultValue = "string",
      completionCandidates = CodecNames.class,
      description = "How values are encoded: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  String codecName;

  /** The {@code --codec} names, for help and completion. */
  static final class CodecNames extends ArrayList<String> {
    CodecNames() {
      for (CodecChoice c : CodecChoice.values()) {
        add(c.label());
      }
    }
  }

  @Command(name = "get", description = "Print a key's value and version.")
  int get(@Parameters(paramLabel = "KEY") String key) {
    CodecChoice codec = CodecChoice.parse(codecName);
    try (Coordinator coord = options().connect()) {
      Versioned<Object> v = read(coord.configs(), key, codec);
      Output out = output();
      out.line("%s = %s", key, codec.text(v.value()));
      out.line(
          "  version %d, zxid %s, codec %s", v.version(), Output.hex(v.mzxid()), codec.label());
      out.document(document(key, v, codec));
    }
    return ExitCodes.OK;
  }

  @Command(name = "set", description = "Store a value: from VALUE, --file, or standard input.")
  int set(
      @Parameters(paramLabel = "KEY") String key,
      @Parameters(paramLabel = "VALUE", arity = "0..1") @Nullable String value,
      @Option(names = "--file", description = "Read the value from this file.") @Nullable Path file,
      @Option(
              names = "--expect-version",
              description = "Write only if the key is at this version (-1: only if absent).")
          @Nullable Integer expectVersion) {
    CodecChoice codec = CodecChoice.parse(codecName);
    Object parsed = codec.parse(key, text(value, file));
    try (Coordinator coord = options().connect()) {
      ConfigStore store = coord.configs();
      if (expectVersion != null) {
        if (!store.compareAndSet(key, codec.codec(), expectVersion, parsed)) {
          String found =
              store.get(key, codec.codec()).map(v -> "version " + v.version()).orElse("no value");
          throw CliException.conflict(
              "config key " + key + ": expected version " + expectVersion + ", found " + found);
        }
      } else {
        store.put(key, codec.codec(), parsed);
      }
      Versioned<Object> stored = read(store, key, codec);
      output().line("%s: stored version %d", key, stored.version());
      output().document(document(key, stored, codec));
    }
    return ExitCodes.OK;
  }

  @Command(name = "delete", description = "Delete a key's value (its history stays).")
  int delete(@Parameters(paramLabel = "KEY") String key) {
    try (Coordinator coord = options().connect()) {
      if (!coord.configs().delete(key)) {
        throw CliException.notFound("config key " + key + ": no value to delete");
      }
      output().line("%s: deleted", key);
      output().document(Map.of("key", key, "deleted", true));
    }
    return ExitCodes.OK;
  }

  @Command(name = "list", description = "List the keys that hold a value, under PREFIX if given.")
  int list(@Parameters(paramLabel = "PREFIX", arity = "0..1") @Nullable String prefix) {
    try (Coordinator coord = options().connect()) {
      List<String> keys = new ArrayList<>();
      for (String k : coord.configs().keys()) {
        if (prefix == null || k.equals(prefix) || k.startsWith(prefix + "/")) {
          keys.add(k);
        }
      }
      keys.forEach(k -> output().line(k));
      output().document(Map.of("keys", keys));
    }
    return ExitCodes.OK;
  }

  @Command(name = "history", description = "List a key's recent values, newest first.")
  int history(@Parameters(paramLabel = "KEY") String key) {
    CodecChoice codec = CodecChoice.parse(codecName);
    try (Coordinator coord = options().connect()) {
      List<HistoryEntry<Object>> entries = coord.configs().historyEntries(key, codec.codec());
      if (entries.isEmpty()) {
        throw CliException.notFound("config key " + key + ": no history");
      }
      List<Map<String, Object>> docs = new ArrayList<>();
      for (HistoryEntry<Object> e : entries) {
        String shown = e.value() == null ? "(" + e.rejection() + ")" : codec.text(e.value());
        output().line("v%-4d zxid %-12s %s", e.version(), Output.hex(e.zxid()), shown);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", e.version());
        doc.put("zxid", e.zxid());
        doc.put("value", e.value() == null ? null : codec.jsonValue(e.value()));
        doc.put("rejection", e.rejection());
        docs.add(doc);
      }
      output().document(Map.of("key", key, "history", docs));
    }
    return ExitCodes.OK;
  }

  @Command(name = "rollback", description = "Store again the value a key had at VERSION.")
  int rollback(
      @Parameters(paramLabel = "KEY") String key, @Parameters(paramLabel = "VERSION") int version) {
    CodecChoice codec = CodecChoice.parse(codecName);
    try (Coordinator coord = options().connect()) {
      ConfigStore store = coord.configs();
      boolean known =
          store.historyEntries(key, codec.codec()).stream().anyMatch(e -> e.version() == version);
      if (!known) {
        throw CliException.notFound(
            "config key " + key + ": no version " + version + " in history");
      }
      Versioned<Object> restored = store.rollback(key, codec.codec(), version);
      output().line("%s: restored version %d as version %d", key, version, restored.version());
      output().document(document(key, restored, codec));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "watch",
      description = "Print the key's value, then every change, until interrupted (Ctrl-C).")
  int watch(
      @Parameters(paramLabel = "KEY") String key,
      @Option(names = "--count", description = "Exit after this many changes.")
          @Nullable Integer count)
      throws InterruptedException {
    CodecChoice codec = CodecChoice.parse(codecName);
    Output out = output();
    BlockingQueue<Versioned<Object>> changes = new LinkedBlockingQueue<>();
    try (Coordinator coord = options().connect();
        ConfigWatcher<Object> watcher = coord.config(key, codec.codec()).watch()) {
      ListenerHandle handle =
          watcher.addListener(
              new ConfigListener<>() {
                @Override
                public void onChange(Versioned<Object> previous, Versioned<Object> current) {
                  changes.add(current);
                }

                @Override
                public void onRejected(ConfigRejection rejection) {
                  out.line("rejected: %s", rejection.message());
                }
              });
      try (handle) {
        print(out, key, watcher.current(), codec);
        int seen = 0;
        while (count == null || seen < count) {
          print(out, key, changes.take(), codec);
          seen++;
        }
      } catch (InterruptedException e) {
        // Ctrl-C or the caller's interrupt: the normal way a watch ends.
      }
    }
    return ExitCodes.OK;
  }

  private static void print(Output out, String key, Versioned<Object> v, CodecChoice codec) {
    if (!v.isStored()) {
      out.line("%s has no value", key);
    } else {
      out.line(
          "%s v%d zxid %s heard %s: %s",
          key, v.version(), Output.hex(v.mzxid()), Instant.now(), codec.text(v.value()));
    }
    Map<String, Object> doc = v.isStored() ? document(key, v, codec) : new LinkedHashMap<>();
    doc.put("key", key);
    doc.put("heard", Instant.now().toString());
    out.document(doc);
  }

  private static Versioned<Object> read(ConfigStore store, String key, CodecChoice codec) {
    Optional<Versioned<Object>> v = store.get(key, codec.codec());
    return v.orElseThrow(() -> CliException.notFound("config key " + key + ": no value"));
  }

  private static Map<String, Object> document(String key, Versioned<Object> v, CodecChoice c) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("key", key);
    doc.put("version", v.version());
    doc.put("zxid", v.mzxid());
    doc.put("codec", c.label());
    doc.put("value", c.jsonValue(v.value()));
    return doc;
  }

  private String text(@Nullable String value, @Nullable Path file) {
    if (value != null && file != null) {
      throw CliException.usage("config set: give VALUE or --file, not both");
    }
    try {
      if (file != null) {
        return Files.readString(file, StandardCharsets.UTF_8);
      }
      if (value != null) {
        return value;
      }
      InputStream in = System.in;
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CliException.usage(
          "config set: cannot read " + (file == null ? "stdin" : file) + ": " + e);
    }
  }

  private GlobalOptions options() {
    return GlobalOptions.of(spec);
  }

  private Output output() {
    return new Output(spec.commandLine().getOut(), options().json);
  }
}
