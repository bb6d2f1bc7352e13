package com.retail.identity.replayer.core;

import com.retail.identity.readmodel.core.ProjectionTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Rebuilds the search index from the event log into a new versioned index while the alias keeps
 * serving the old one; when the rebuild has caught up the alias moves atomically, and the rebuild
 * catches up once more for events written meanwhile (the live projector writes through the alias
 * from then on; writes are version-guarded, so the two never conflict). A rebuild that stops
 * resumes from its own checkpoint when run again into the same index.
 */
public final class RebuildSearchIndex {
  public static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  /** What a rebuild did; no previous indices when it stopped before the swap. */
  public record Summary(
      String index, List<String> previousIndices, long events, long seconds, boolean stopped) {}

  private final Replay replay;
  private final SearchIndexes indexes;
  private final Clock clock;

  public RebuildSearchIndex(Replay replay, SearchIndexes indexes, Clock clock) {
    this.replay = replay;
    this.indexes = indexes;
    this.clock = clock;
  }

  /** The index a new rebuild fills: {@code <alias>-r<UTC time>}. */
  public String newIndexName() {
    return indexes.alias() + "-r" + STAMP.format(clock.instant());
  }

  /** Rebuilds into {@code index} (a new one, or the index of a rebuild that stopped). */
  public Summary rebuild(String index) {
    long started = System.nanoTime();
    ProjectionTarget rebuild = indexes.writerInto(index, "replay:" + index);
    rebuild.prepare();
    indexes.pauseRefresh(index);
    long events = replay.run(rebuild, "search");
    if (replay.stoppedEarly(events)) {
      return new Summary(index, List.of(), events, seconds(started), true);
    }
    indexes.resumeRefresh(index);
    List<String> previous = indexes.pointAliasAt(index);
    // Events written between the catch-up and the swap: one more pass.
    events += replay.run(rebuild, "search catch-up");
    return new Summary(index, previous, events, seconds(started), false);
  }

  private static long seconds(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos).toSeconds();
  }
}
