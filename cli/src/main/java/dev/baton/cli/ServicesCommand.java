package dev.baton.cli;

import dev.baton.Coordinator;
import dev.baton.registry.ServiceInstance;
import dev.baton.registry.ServiceView;
import dev.baton.registry.ServiceViewListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code baton services ...}: the service registry's services and instances. */
@Command(
    name = "services",
    mixinStandardHelpOptions = true,
    description = "List services and show their instances.")
final class ServicesCommand {
  @Spec CommandSpec spec;

  @Command(name = "list", description = "List the services with their instance counts.")
  int list() {
    Output out = Commands.output(spec);
    try (Coordinator coord = Commands.connect(spec)) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (String name : coord.registry().services()) {
        try (ServiceView view = coord.registry().watch(name)) {
          List<ServiceInstance> all = view.allInstances();
          long up = view.instances().size();
          out.line("%-30s %d instance(s), %d up", name, all.size(), up);
          Map<String, Object> doc = new LinkedHashMap<>();
          doc.put("name", name);
          doc.put("instances", all.size());
          doc.put("up", up);
          docs.add(doc);
        }
      }
      out.document(Map.of("services", docs));
    }
    return ExitCodes.OK;
  }

  @Command(name = "show", description = "Show a service's instances: status, address, metadata.")
  int show(@Parameters(paramLabel = "NAME") String name) {
    Output out = Commands.output(spec);
    try (Coordinator coord = Commands.connect(spec);
        ServiceView view = coord.registry().watch(name)) {
      List<ServiceInstance> all = view.allInstances();
      if (all.isEmpty()) {
        throw CliException.notFound("service " + name + ": no instances");
      }
      List<Map<String, Object>> docs = new ArrayList<>();
      for (ServiceInstance i : all) {
        printInstance(out, i);
        docs.add(document(i));
      }
      out.document(Map.of("name", name, "instances", docs));
    }
    return ExitCodes.OK;
  }

  @Command(
      name = "watch",
      description = "Print a service's instances, then each change, until interrupted.")
  int watch(
      @Parameters(paramLabel = "NAME") String name,
      @Option(names = "--count", description = "Exit after this many changes.")
          @Nullable Integer count) {
    Output out = Commands.output(spec);
    BlockingQueue<List<ServiceInstance>> changes = new LinkedBlockingQueue<>();
    try (Coordinator coord = Commands.connect(spec);
        ServiceView view = coord.registry().watch(name)) {
      ServiceViewListener listener = (added, removed, updated) -> changes.add(view.allInstances());
      try (var handle = view.addListener(listener)) {
        printView(out, name, view.allInstances());
        for (int seen = 0; count == null || seen < count; seen++) {
          printView(out, name, changes.take());
        }
      } catch (InterruptedException e) {
        // Ctrl-C or the caller's interrupt: the normal way a watch ends.
      }
    }
    return ExitCodes.OK;
  }

  private static void printView(Output out, String name, List<ServiceInstance> all) {
    out.line("%s: %d instance(s)", name, all.size());
    all.forEach(i -> printInstance(out, i));
    out.document(
        Map.of("name", name, "instances", all.stream().map(ServicesCommand::document).toList()));
  }

  private static void printInstance(Output out, ServiceInstance i) {
    out.line(
        "  %-20s %-9s %-24s since %s %s",
        i.id(), i.status(), i.address(), i.registeredAt(), i.metadata());
  }

  private static Map<String, Object> document(ServiceInstance i) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("id", i.id());
    doc.put("status", i.status().name());
    doc.put("host", i.host());
    doc.put("port", i.port());
    doc.put("tlsPort", i.tlsPort());
    doc.put("metadata", i.metadata());
    doc.put("registeredAt", i.registeredAt().toString());
    return doc;
  }
}
