package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Verifies access tokens: ES256 only (no {@code none}, no HMAC confusion), a key id from the
 * current JWKS, our issuer and audience, not expired.
 */
public final class TokenVerifier {
  private final Supplier<JWKSet> keys;
  private final TokenSettings settings;

  public TokenVerifier(Supplier<JWKSet> keys, TokenSettings settings) {
    this.keys = keys;
    this.settings = settings;
  }

  /** The caller, or empty when the token is not one we issued and still valid. */
  public Optional<Principal> verify(String token) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSVerifierFactory(TokenCrypto.verifiers());
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
    processor.setJWSKeySelector(
        new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(keys.get())));
    processor.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            settings.getAudience(),
            new JWTClaimsSet.Builder().issuer(settings.getIssuer()).build(),
            Set.of("sub", "exp", "iat", "roles")));
    try {
      JWTClaimsSet claims = processor.process(token, null);
      List<String> roles = claims.getStringListClaim("roles");
      String sid = claims.getStringClaim("sid");
      String scope = claims.getStringClaim("scope");
      return Optional.of(
          new Principal(
              UUID.fromString(claims.getSubject()),
              Set.copyOf(new HashSet<>(roles)),
              sid == null ? null : UUID.fromString(sid),
              scope == null ? Set.of() : Set.copyOf(List.of(scope.split(" ")))));
    } catch (ParseException | BadJOSEException | JOSEException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
