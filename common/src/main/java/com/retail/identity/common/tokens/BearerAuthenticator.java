package com.retail.identity.common.tokens;

import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/**
 * Turns the token of an {@code Authorization: Bearer ...} header into a caller, or nobody: a token
 * of a session that has ended (logout, password change, erasure) is nobody's.
 */
public final class BearerAuthenticator implements Authenticator<String, Principal> {
  private static final String PREFIX = "Bearer ";
  private final TokenVerifier verifier;
  private final EndedSessionsView endedSessions;

  public BearerAuthenticator(TokenVerifier verifier, EndedSessionsView endedSessions) {
    this.verifier = verifier;
    this.endedSessions = endedSessions;
  }

  /**
   * The token an {@code Authorization} header carries, or empty when it is absent or not a bearer
   * token.
   */
  static Optional<String> tokenOf(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Optional.empty();
    }
    return Optional.of(authorizationHeader.substring(PREFIX.length()).strip());
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    return verifier.verify(token).filter(caller -> !endedSessions.isEnded(caller.sessionId()));
  }
}
