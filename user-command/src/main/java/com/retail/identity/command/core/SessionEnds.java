package com.retail.identity.command.core;

import com.retail.identity.common.tokens.EndedSessions;
import java.util.List;
import java.util.UUID;

/**
 * How a login session ends: its refresh-token family is revoked, then the session is told as ended
 * so that every service refuses its access tokens within seconds (not only when they expire). Run
 * again after a failure between the two, it tells the same sessions again.
 */
public final class SessionEnds {
  private final RefreshTokens refreshTokens;
  private final EndedSessions endedSessions;

  public SessionEnds(RefreshTokens refreshTokens, EndedSessions endedSessions) {
    this.refreshTokens = refreshTokens;
    this.endedSessions = endedSessions;
  }

  /** One session (a logout). */
  public void end(UUID sessionId) {
    refreshTokens.revokeFamily(sessionId);
    endedSessions.end(List.of(sessionId));
  }

  /** Every session of the user but {@code keep} (null: all). */
  public void endAllBut(UUID userId, UUID keep) {
    endedSessions.end(refreshTokens.revokeAll(userId, keep));
  }
}
