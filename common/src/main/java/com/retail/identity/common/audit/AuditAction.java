package com.retail.identity.common.audit;

/** The acts of support staff, admins and operators that the audit trail records. */
public enum AuditAction {
  SEARCH_USERS,
  READ_PROFILE,
  CHANGE_PROFILE,
  ERASE_ACCOUNT,
  FLAG_ACCOUNT,
  UNFLAG_ACCOUNT,
  READ_ELIGIBILITY,
  READ_AUDIT,
  CHANGE_KNOB,
  GRANT_ROLE,
  REVOKE_ROLE
}
