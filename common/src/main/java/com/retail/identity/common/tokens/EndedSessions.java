package com.retail.identity.common.tokens;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Login sessions ended before their access tokens expire (logout, password change, erasure): told
 * by the service that ends them, read by every service that checks tokens ({@link
 * EndedSessionsView}). An entry is kept as long as an access token of its session can live.
 */
public interface EndedSessions {
  /** Records the sessions as ended now; throws when the record cannot be written. */
  void end(Collection<UUID> sessionIds);

  /** The sessions ended at or after {@code since}, oldest first. */
  List<Ended> endedSince(Instant since);

  record Ended(UUID sessionId, Instant at) {}
}
