package dev.baton.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what a view's listener hears, as compact strings: {@code +id}, {@code -id}, {@code ~id}.
 */
final class ViewEvents implements ServiceViewListener {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<List<List<ServiceInstance>>> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger resyncs = new AtomicInteger();

  @Override
  public void onChange(
      List<ServiceInstance> added, List<ServiceInstance> removed, List<ServiceInstance> updated) {
    calls.add(List.of(added, removed, updated));
    added.forEach(i -> events.add("+" + i.id()));
    removed.forEach(i -> events.add("-" + i.id()));
    updated.forEach(i -> events.add("~" + i.id()));
  }

  @Override
  public void onResynced() {
    resyncs.incrementAndGet();
  }
}
