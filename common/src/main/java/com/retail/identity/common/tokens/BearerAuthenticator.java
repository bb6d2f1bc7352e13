package com.retail.identity.common.tokens;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import java.util.Map;

/** Turns an {@code Authorization: Bearer ...} header into a caller, or a 401 problem. */
public final class BearerAuthenticator {
  private static final String PREFIX = "Bearer ";
  private final TokenVerifier verifier;

  public BearerAuthenticator(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  public Principal authenticate(String authorizationHeader) {
    if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw unauthorized("A bearer access token is required.");
    }
    String token = authorizationHeader.substring(PREFIX.length()).strip();
    return verifier.verify(token).orElseThrow(() -> unauthorized("The access token is invalid or expired."));
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of("unauthorized", "Unauthorized", 401, detail),
        Map.of("WWW-Authenticate", "Bearer realm=\"identity\""));
  }

  /** 403 when the caller may not act on this user; 404 would leak less but apps need the distinction for their own id. */
  public static ProblemException forbidden() {
    return new ProblemException(Problem.of("forbidden", "Forbidden", 403, "This token may not act on that user."));
  }
}
