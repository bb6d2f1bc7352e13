package com.retail.identity.verification.core;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.Auditor;
import java.time.Clock;
import java.util.UUID;

/**
 * Support staff keep an abusive account from launch purchases (a flag with a reason) and lift it
 * again; each act is audited before it is made. The flag's reason stands as the audit's reason when
 * the request gave none.
 */
public final class FlagAccounts {
  private final PhoneRecords records;
  private final Auditor auditor;
  private final Clock clock;

  public FlagAccounts(PhoneRecords records, Auditor auditor, Clock clock) {
    this.records = records;
    this.auditor = auditor;
    this.clock = clock;
  }

  public void flag(Acting acting, UUID userId, String reason) {
    Acting why =
        acting.reason() == null ? new Acting(acting.actor(), acting.requestId(), reason) : acting;
    auditor.record(why, AuditAction.FLAG_ACCOUNT, userId.toString(), null);
    records.setFlag(userId, reason, clock.instant());
  }

  public void unflag(Acting acting, UUID userId) {
    auditor.record(acting, AuditAction.UNFLAG_ACCOUNT, userId.toString(), null);
    records.clearFlag(userId);
  }
}
