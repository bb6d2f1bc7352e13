package com.retail.identity.command.core;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.retail.identity.common.tokens.SignedJwts;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Authorization codes as signed tokens of their own type: issuing one writes nothing, and what it
 * stands for (who signed in, for which app, redirect URI, PKCE challenge, nonce and scope) travels
 * inside it, tamper-proof. {@link SpentCodes} makes each one work once. A code holds no personal
 * data: the account's opaque id (which the same app reads in the ID token) and values the app chose
 * itself.
 */
public final class AuthorizationCodes {
  /** Lives one minute: the app redeems it right after the redirect. */
  static final Duration LIFETIME = Duration.ofSeconds(60);

  static final JOSEObjectType TYPE = new JOSEObjectType("code+jwt");

  /**
   * What a code stands for. {@code sessionId} is the refresh-token family the tokens will belong
   * to, chosen now so that a code presented twice can end that session.
   */
  public record Grant(
      UUID codeId,
      UUID userId,
      String clientId,
      String redirectUri,
      String scope,
      String nonce,
      String codeChallenge,
      UUID sessionId,
      Instant authTime,
      String acr,
      Instant expiresAt) {
    @Override
    public String toString() {
      return "Grant[codeId=" + codeId + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
  }

  private final SignedJwts jwts;
  private final String issuer;
  private final Clock clock;

  public AuthorizationCodes(SignedJwts jwts, String issuer, Clock clock) {
    this.jwts = jwts;
    this.issuer = issuer;
    this.clock = clock;
  }

  /**
   * A code for this app and customer; {@code nonce} may be null, and {@code acr} (the
   * authentication context class the sign-in met, for the ID token) too.
   */
  public String issue(
      UUID userId,
      String clientId,
      String redirectUri,
      String scope,
      String nonce,
      String codeChallenge,
      Instant authTime,
      String acr) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(clientId)
            .subject(userId.toString())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .claim("redirect_uri", redirectUri)
            .claim("scope", scope)
            .claim("nonce", nonce)
            .claim("code_challenge", codeChallenge)
            .claim("sid", UUID.randomUUID().toString())
            .claim("auth_time", authTime.getEpochSecond())
            .claim("acr", acr)
            .build();
    return jwts.sign(TYPE, claims);
  }

  /** What the code stands for, if we issued it and it has not expired. */
  public Optional<Grant> open(String code) {
    return jwts.read(
            code,
            TYPE,
            issuer,
            Set.of("sub", "aud", "jti", "exp", "redirect_uri", "code_challenge", "sid"),
            SignedJwts.Expiry.ENFORCED)
        .flatMap(AuthorizationCodes::grant);
  }

  private static Optional<Grant> grant(JWTClaimsSet claims) {
    try {
      return Optional.of(
          new Grant(
              UUID.fromString(claims.getJWTID()),
              UUID.fromString(claims.getSubject()),
              claims.getAudience().get(0),
              claims.getStringClaim("redirect_uri"),
              claims.getStringClaim("scope"),
              claims.getStringClaim("nonce"),
              claims.getStringClaim("code_challenge"),
              UUID.fromString(claims.getStringClaim("sid")),
              Instant.ofEpochSecond(claims.getLongClaim("auth_time")),
              claims.getStringClaim("acr"),
              claims.getExpirationTime().toInstant()));
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
