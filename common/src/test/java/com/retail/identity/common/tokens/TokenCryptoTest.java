package com.retail.identity.common.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.security.Provider;
import org.junit.jupiter.api.Test;

class TokenCryptoTest {
  private final ECKey key = SigningKeys.generate();

  @Test
  void givenATokenSignedThroughTokenCrypto_whenTheJdkChecksIt_thenItIsValid() throws Exception {
    JWSObject token = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"a\":1}"));

    token.sign(TokenCrypto.signer(key));

    assertThat(token.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
  }

  @Test
  void givenATokenTheJdkSigned_whenTokenCryptoChecksIt_thenItIsValidAndATamperedOneIsNot()
      throws Exception {
    JWSObject token = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("{\"a\":1}"));
    token.sign(new ECDSASigner(key));
    JWSObject tampered =
        new JWSObject(
            token.getHeader().toBase64URL(),
            new Payload("{\"a\":2}").toBase64URL(),
            token.getSignature());

    var verifier =
        TokenCrypto.verifiers().createJWSVerifier(token.getHeader(), key.toECPublicKey());

    assertThat(token.verify(verifier)).isTrue();
    assertThat(tampered.verify(verifier)).isFalse();
  }

  @Test
  void givenANativeProviderThatCannotLoad_whenChoosing_thenTheJdksIsUsed() {
    assertThat(
            TokenCrypto.chooseFrom(
                () -> {
                  throw new UnsatisfiedLinkError("no native library for this platform");
                }))
        .isEmpty();
    assertThat(
            TokenCrypto.chooseFrom(
                () -> {
                  throw new IllegalStateException("self-test failed");
                }))
        .isEmpty();
  }

  @Test
  void givenLinuxOnX86_64AsOnTheAmis_whenLoaded_thenTheNativeProviderSigns() {
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"));

    assertThat(TokenCrypto.providerName()).isEqualTo("AmazonCorrettoCryptoProvider");
    assertThat(TokenCrypto.chooseFrom(() -> new Provider("Fake", "1", "test") {}))
        .hasValueSatisfying(p -> assertThat(p.getName()).isEqualTo("Fake"));
  }
}
