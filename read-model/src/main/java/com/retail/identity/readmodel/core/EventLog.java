package com.retail.identity.readmodel.core;

import com.retail.identity.common.events.LogEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The time-ordered event log that projections tail (port). Positions are time-based UUIDs: an
 * event's id, or a synthetic id that stands for "everything before this instant". Entries name
 * events; the events themselves, and whether they exist, come from the user's stream.
 */
public interface EventLog {
  /**
   * Entries whose id is after {@code after} and whose time is before {@code before}, in log order,
   * at most {@code limit}.
   */
  Page read(UUID after, Instant before, int limit);

  /**
   * The greatest position earlier than {@code instant}: reading after it starts at {@code instant}.
   */
  UUID positionBefore(Instant instant);

  /**
   * When the log began (its first event ever), for a projection that must start over; empty when
   * unknown.
   */
  default java.util.Optional<Instant> start() {
    return java.util.Optional.empty();
  }

  /**
   * One read: the entries, and where the next read continues (the last event when the page is full,
   * otherwise the end of the range that was read).
   */
  record Page(List<LogEntry> entries, UUID next, boolean full) {}
}
