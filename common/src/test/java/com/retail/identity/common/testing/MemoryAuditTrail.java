package com.retail.identity.common.testing;

import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.audit.AuditTrail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** The audit trail in memory, for unit tests; {@link #down} makes it fail as a store would. */
public final class MemoryAuditTrail implements AuditTrail {
  private final List<AuditEntry> entries = new ArrayList<>();
  public volatile boolean down;

  @Override
  public synchronized void record(AuditEntry entry) {
    if (down) {
      throw new IllegalStateException("audit store is down");
    }
    entries.add(
        new AuditEntry(
            UUID.randomUUID().toString(),
            entry.at(),
            entry.actor(),
            entry.action(),
            entry.subject(),
            entry.requestId(),
            entry.reason(),
            entry.service(),
            entry.detail()));
  }

  @Override
  public synchronized List<AuditEntry> find(AuditQuery query) {
    return entries.stream()
        .filter(e -> query.subject() == null || query.subject().equals(e.subject()))
        .filter(e -> query.actor() == null || query.actor().equals(e.actor()))
        .filter(e -> !e.at().isBefore(query.from()) && e.at().isBefore(query.to()))
        .sorted(Comparator.comparing(AuditEntry::at).reversed())
        .limit(query.limit())
        .toList();
  }

  /** Everything recorded, oldest first. */
  public synchronized List<AuditEntry> all() {
    return List.copyOf(entries);
  }
}
