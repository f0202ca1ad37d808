package dev.baton.config;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a key's history with this process's verdict on it, from {@link
 * ConfigStore#historyEntries}: whether the codec decodes it and the validators registered with this
 * coordinator (by {@link ConfigStore#addValidator} or an open {@link ConfigWatcher} with a
 * validator) accept it.
 *
 * <pre>{@code
 * for (HistoryEntry<EtlConfig> e : coord.configs().historyEntries("etl", codec)) {
 *   lines.add("v" + e.version() + (e.accepted() ? "" : " REJECTED: " + e.rejection()));
 * }
 * }</pre>
 *
 * <p>The compiled version of this example is {@code dev.baton.examples.ConfigExample} in the test
 * sources.
 *
 * <p>Why this exists: validators run in the processes that register them. A value written from a
 * process without the watchers' validator (an operator's CLI, another service) is stored, and the
 * watchers reject it; {@link ConfigStore#history} lists it like any other version. This entry says
 * which of them this process's watchers would have refused, so a rollback can skip them.
 *
 * @param version the key's version the value was written as
 * @param zxid the zxid of the write that made the entry
 * @param value the decoded value, or {@code null} if it does not decode
 * @param rejection why the codec or a validator refuses the value, or {@code null} if accepted
 * @param <T> the value's type
 * @since 0.1
 */
public record HistoryEntry<T>(
    int version, long zxid, @Nullable T value, @Nullable String rejection) {
  /** {@return whether the codec and every validator registered here accept the value} */
  public boolean accepted() {
    return rejection == null;
  }
}
