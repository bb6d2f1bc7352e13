package com.retail.identity.command.core;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who holds each staff role, for listing them. The account's own roles (in its credential, written
 * with its {@code RolesChanged} event) are the truth; this index may hold a row the truth has not
 * (a grant that died before its event, a revoke that died after it), so a reader checks each row
 * against the account.
 */
public interface RoleHolders {
  record Holder(UUID userId, Instant since) {}

  void add(String role, UUID userId, Instant since);

  void remove(String role, UUID userId);

  List<Holder> holders(String role);
}
