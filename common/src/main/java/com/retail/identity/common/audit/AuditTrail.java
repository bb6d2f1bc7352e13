package com.retail.identity.common.audit;

import java.util.List;

/**
 * Where audited acts are kept, as durably as the account events. {@link #record} returns only once
 * the entry is stored; when it throws, the act it records must not happen (the caller answers 503).
 */
public interface AuditTrail {
  void record(AuditEntry entry);

  /**
   * The entries the query asks for, newest first. A query with neither subject nor actor spans at
   * most {@link #MAX_SPAN_WITHOUT_KEY_DAYS} days.
   */
  List<AuditEntry> find(AuditQuery query);

  int MAX_SPAN_WITHOUT_KEY_DAYS = 31;
  int MAX_SPAN_DAYS = 400;
}
