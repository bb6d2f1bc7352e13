package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Every JWT this platform signs (access tokens, ID tokens, authorization codes): ES256 with the
 * active key of the JWK set, told apart by their {@code typ} header, so one kind is never read as
 * another.
 */
public final class SignedJwts {
  /** Whether a token past its {@code exp} is still read (an ID token named as a logout hint is). */
  public enum Expiry {
    ENFORCED,
    IGNORED
  }

  static final int MAX_CLOCK_SKEW_SECONDS = 5;
  private final SigningKeys keys;
  private final Clock clock;

  public SignedJwts(SigningKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
  }

  public String sign(JOSEObjectType type, JWTClaimsSet claims) {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .keyID(keys.active().getKeyID())
            .type(type)
            .build();
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(TokenCrypto.signer(keys.active()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a " + type, e);
    }
  }

  /**
   * The claims of a token of this type that we signed with a key still published, issued by {@code
   * issuer}, carrying the {@code required} claims; empty for anything else.
   */
  public Optional<JWTClaimsSet> read(
      String token, JOSEObjectType type, String issuer, Set<String> required, Expiry expiry) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSVerifierFactory(TokenCrypto.verifiers());
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(type));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.publicSet())));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            null, new JWTClaimsSet.Builder().issuer(issuer).build(), required) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }

          @Override
          public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            if (expiry == Expiry.ENFORCED) {
              super.verify(claims, context);
              return;
            }
            // Past its exp but otherwise ours: same checks with the expiry taken out
            JWTClaimsSet unexpired = new JWTClaimsSet.Builder(claims).expirationTime(null).build();
            super.verify(unexpired, context);
          }
        };
    // Issued and read by this platform's own instances: a few seconds of clock drift, not a minute
    claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
    processor.setJWTClaimsSetVerifier(claims);
    if (token == null || token.isBlank() || token.length() > 8192) {
      return Optional.empty();
    }
    try {
      return Optional.of(processor.process(token, null));
    } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
