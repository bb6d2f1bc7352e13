package com.retail.identity.replayer.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deletes the search indices a rebuild left behind for a rollback, once the rollback window has
 * passed (ADR 0102): a left index keeps the documents of its time, erased customers' included, so
 * it must not outlive the window. The window counts from the creation of the index the alias points
 * at now (a swap happens after its index was built, so that is the earliest the window can start),
 * and an index the alias points at is never deleted.
 */
public final class PruneSearchIndices {
  /** What a run found: the indices it deleted and those it kept for a rollback. */
  public record Summary(List<String> deleted, List<String> keptForRollback) {}

  private final SearchIndexes indexes;
  private final Clock clock;

  public PruneSearchIndices(SearchIndexes indexes, Clock clock) {
    this.indexes = indexes;
    this.clock = clock;
  }

  public Summary prune(Duration rollbackWindow) {
    Map<String, Instant> family = indexes.family();
    Set<String> serving = indexes.aliasTargets();
    if (serving.isEmpty()) {
      // No alias (a rebuild that never swapped, or a broken one): nothing is provably retired.
      return new Summary(List.of(), List.copyOf(family.keySet()));
    }
    Instant servingSince =
        serving.stream()
            .map(family::get)
            .filter(java.util.Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(clock.instant());
    boolean windowOver = !servingSince.plus(rollbackWindow).isAfter(clock.instant());
    List<String> deleted = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    // Oldest first
    for (String index :
        family.keySet().stream().sorted(java.util.Comparator.comparing(family::get)).toList()) {
      if (serving.contains(index)) {
        continue;
      }
      if (windowOver && family.get(index).isBefore(servingSince)) {
        indexes.delete(index);
        deleted.add(index);
      } else {
        kept.add(index);
      }
    }
    return new Summary(deleted, kept);
  }
}
