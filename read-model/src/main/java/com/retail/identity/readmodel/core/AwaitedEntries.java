package com.retail.identity.readmodel.core;

import com.retail.identity.common.events.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log entries a projector read before the stream write they announce had landed (the entry is
 * written first, docs/adr/0106). They are projected again on every sweep until the stream holds
 * them or {@link #PATIENCE} has passed: an append settles long before (its requests time out in
 * seconds), so an entry still ahead of its stream then names an append that failed. The late-event
 * window alone covers only events that land within it of the checkpoint.
 */
final class AwaitedEntries {
  static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Logger LOG = LoggerFactory.getLogger(AwaitedEntries.class);

  /** Bounded: a flood of failed appends must not grow the heap. */
  private static final int MAX = 10_000;

  private record Awaited(LogEntry entry, Instant until) {}

  private final Map<UUID, Awaited> byUser = new HashMap<>();

  /**
   * After a fold of {@code userId} reached {@code projected}: await what the entries announce
   * beyond it.
   */
  void update(UUID userId, List<LogEntry> entries, long projected, Instant now) {
    LogEntry newest = entries.stream().max(Comparator.comparingLong(LogEntry::seq)).orElse(null);
    if (newest == null || newest.seq() <= projected) {
      byUser.remove(userId);
      return;
    }
    Awaited already = byUser.get(userId);
    if (already != null && already.entry().seq() >= newest.seq()) {
      return; // keep the first deadline
    }
    if (already == null && byUser.size() >= MAX) {
      LOG.warn(
          "More than {} log entries await their stream write; user {} is left to the late-event window",
          MAX,
          userId);
      return;
    }
    byUser.put(userId, new Awaited(newest, now.plus(PATIENCE)));
  }

  /**
   * The entries to project again now; those past their patience are given up (their append failed).
   */
  List<LogEntry> dueAgain(Instant now) {
    List<LogEntry> due = new ArrayList<>(byUser.size());
    for (Iterator<Awaited> it = byUser.values().iterator(); it.hasNext(); ) {
      Awaited awaited = it.next();
      if (now.isAfter(awaited.until())) {
        it.remove();
      } else {
        due.add(awaited.entry());
      }
    }
    return due;
  }

  void clear() {
    byUser.clear();
  }
}
