package com.retail.identity.command.core;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.retail.identity.common.crypto.Sha256;
import com.retail.identity.common.tokens.SignedJwts;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A customer who has proven their password on a hosted page but has a step left before the app gets
 * its code (a verified phone, when the app asks for one): a signed ticket of its own type that the
 * next page carries. It writes nothing, is bound to the app and to the browser's anti-forgery token
 * (so a ticket copied out of one browser is worthless in another), and lives ten minutes: long
 * enough to wait for an SMS.
 */
public final class PendingSignIns {
  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final JOSEObjectType TYPE = new JOSEObjectType("signin+jwt");

  /** Who signed in, and when (the ID token's {@code auth_time}). */
  public record PendingSignIn(UUID userId, Instant authTime) {}

  private final SignedJwts jwts;
  private final String issuer;
  private final Clock clock;

  public PendingSignIns(SignedJwts jwts, String issuer, Clock clock) {
    this.jwts = jwts;
    this.issuer = issuer;
    this.clock = clock;
  }

  public String issue(UUID userId, String clientId, String browserToken, Instant authTime) {
    Instant now = clock.instant();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .audience(clientId)
            .subject(userId.toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(LIFETIME)))
            .claim("auth_time", authTime.getEpochSecond())
            .claim("browser", bindingOf(browserToken))
            .build();
    return jwts.sign(TYPE, claims);
  }

  /** The sign-in, if we issued the ticket for this app and browser and it has not expired. */
  public Optional<PendingSignIn> open(String ticket, String clientId, String browserToken) {
    if (ticket == null || browserToken == null) {
      return Optional.empty();
    }
    return jwts.read(
            ticket,
            TYPE,
            issuer,
            Set.of("sub", "aud", "exp", "browser"),
            SignedJwts.Expiry.ENFORCED)
        .filter(claims -> claims.getAudience().equals(List.of(clientId)))
        .filter(claims -> bindingOf(browserToken).equals(claims.getClaim("browser")))
        .flatMap(PendingSignIns::pending);
  }

  /** A hash, so the ticket does not carry the browser's token itself. */
  private static String bindingOf(String browserToken) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Sha256.of(browserToken));
  }

  private static Optional<PendingSignIn> pending(JWTClaimsSet claims) {
    try {
      return Optional.of(
          new PendingSignIn(
              UUID.fromString(claims.getSubject()),
              Instant.ofEpochSecond(claims.getLongClaim("auth_time"))));
    } catch (ParseException | IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
