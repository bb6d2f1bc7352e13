package com.retail.identity.command.core;

import java.util.Optional;

/**
 * RP-initiated logout: the app names the session by the ID token it was given; that session ends
 * everywhere (its refresh tokens revoked, its access tokens refused within seconds).
 */
public final class SignOutOfApp {
  private final IdTokens idTokens;
  private final SessionEnds ends;

  public SignOutOfApp(IdTokens idTokens, SessionEnds ends) {
    this.idTokens = idTokens;
    this.ends = ends;
  }

  /** The session that ended; empty when the hint is missing or not an ID token of ours. */
  public Optional<IdTokens.Hint> signOut(String idTokenHint) {
    Optional<IdTokens.Hint> hint = idTokens.readHint(idTokenHint);
    hint.ifPresent(h -> ends.end(h.sessionId()));
    return hint;
  }
}
