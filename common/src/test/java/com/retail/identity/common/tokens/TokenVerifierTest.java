package com.retail.identity.common.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Only our own, current, unexpired ES256 tokens for our audience are accepted. */
class TokenVerifierTest {
  private final ECKey key = SigningKeys.generate();
  private final SigningKeys keys = SigningKeys.of(new JWKSet(key));
  private final TokenSettings settings =
      new ObjectMapper()
          .convertValue(
              java.util.Map.of("issuer", "https://identity.test", "audience", "apps"),
              TokenSettings.class);
  private final TokenVerifier verifier = new TokenVerifier(keys::publicSet, settings);
  private final UUID user = UUID.randomUUID();

  private JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("https://identity.test")
        .audience("apps")
        .subject(user.toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("roles", List.of("user"));
  }

  private String es256(JWTClaimsSet claims, ECKey signingKey) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(signingKey.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims);
    jwt.sign(new ECDSASigner(signingKey));
    return jwt.serialize();
  }

  @Test
  void aTokenWeIssuedIsAccepted() {
    String token =
        new AccessTokens(keys, settings, Clock.systemUTC())
            .issue(user, Set.of("user"), UUID.randomUUID());
    assertThat(verifier.verify(token))
        .hasValueSatisfying(
            p -> {
              assertThat(p.userId()).isEqualTo(user);
              assertThat(p.roles()).containsExactly("user");
              assertThat(p.sessionId()).isNotNull();
            });
  }

  @Test
  void algNoneIsRefused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body = b64.encodeToString(claims().build().toString().getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(header + "." + body + ".")).isEmpty();
  }

  @Test
  void hs256SignedWithThePublicKeyIsRefused() throws Exception {
    byte[] publicKeyAsSecret = keys.publicSet().toString().getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims().build());
    jwt.sign(new MACSigner(publicKeyAsSecret));
    assertThat(verifier.verify(jwt.serialize())).isEmpty();
  }

  @Test
  void anExpiredTokenIsRefused() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    String token =
        es256(
            claims()
                .issueTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(60)))
                .build(),
            key);
    assertThat(verifier.verify(token)).isEmpty();
  }

  @Test
  void anotherAudienceIsRefused() throws Exception {
    assertThat(verifier.verify(es256(claims().audience("someone-else").build(), key))).isEmpty();
  }

  @Test
  void anotherIssuerIsRefused() throws Exception {
    assertThat(verifier.verify(es256(claims().issuer("https://evil.example").build(), key)))
        .isEmpty();
  }

  @Test
  void aKeyNotInTheKeySetIsRefused() throws Exception {
    assertThat(verifier.verify(es256(claims().build(), SigningKeys.generate()))).isEmpty();
  }

  @Test
  void aTamperedTokenIsRefused() throws Exception {
    String token = es256(claims().build(), key);
    String[] parts = token.split("\\.");
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                claims()
                    .claim("roles", List.of("admin"))
                    .build()
                    .toString()
                    .getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(parts[0] + "." + forged + "." + parts[2])).isEmpty();
  }

  @Test
  void duringAKeyRolloverBothKeysVerify() throws Exception {
    ECKey next = SigningKeys.generate();
    SigningKeys rollover = SigningKeys.of(new JWKSet(List.of(next, key)));
    TokenVerifier both = new TokenVerifier(rollover::publicSet, settings);

    String old = es256(claims().build(), key);
    String fresh =
        new AccessTokens(rollover, settings, Clock.system(ZoneOffset.UTC))
            .issue(user, Set.of("user"));

    assertThat(both.verify(old)).isPresent();
    assertThat(both.verify(fresh)).isPresent();
    assertThat(SignedJWT.parse(fresh).getHeader().getKeyID()).isEqualTo(next.getKeyID());
  }

  @Test
  void givenAVerifierThatCheckedTokens_whenItsSupplierHandsOutANewKeySet_thenTheNewKeyVerifies()
      throws Exception {
    ECKey next = SigningKeys.generate();
    java.util.concurrent.atomic.AtomicReference<JWKSet> published =
        new java.util.concurrent.atomic.AtomicReference<>(keys.publicSet());
    TokenVerifier reader = new TokenVerifier(published::get, settings);
    String byNext = es256(claims().build(), next);
    assertThat(reader.verify(es256(claims().build(), key))).isPresent();
    assertThat(reader.verify(byNext)).isEmpty();

    published.set(SigningKeys.of(new JWKSet(List.of(next, key))).publicSet());

    assertThat(reader.verify(byNext)).isPresent();
  }
}
