package com.retail.identity.common.audit;

import java.time.Clock;

/**
 * The policy that every act of staff on someone else's account is audited first: the entry is
 * stored before the act (or, for a read, before anything is disclosed), so an act the trail could
 * not take does not happen.
 */
public final class Auditor {
  private final AuditTrail trail;
  private final Clock clock;
  private final String service;

  public Auditor(AuditTrail trail, Clock clock, String service) {
    this.trail = trail;
    this.clock = clock;
    this.service = service;
  }

  public void record(Acting acting, AuditAction action, String subject, String detail) {
    trail.record(
        new AuditEntry(
            null,
            clock.instant(),
            acting.actor(),
            action,
            subject,
            acting.requestId(),
            acting.reason(),
            service,
            detail));
  }
}
