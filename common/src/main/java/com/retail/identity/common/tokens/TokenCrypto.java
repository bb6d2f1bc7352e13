package com.retail.identity.common.tokens;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.ECKey;
import java.security.Provider;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where ES256 signatures are computed: Amazon Corretto Crypto Provider (AWS-LC, native) when it
 * loads and passes its self-tests, otherwise the JDK's own provider. The JDK 17 P-256 code is pure
 * Java and cost about ten times as much per signature (a login signs one token, every authenticated
 * read checks one); the signatures and keys are the same standard ES256 either way, so a token
 * signed by one provider verifies with the other.
 */
public final class TokenCrypto {
  private static final Logger LOG = LoggerFactory.getLogger(TokenCrypto.class);
  private static final Optional<Provider> PROVIDER =
      chooseFrom(
          () -> {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            accp.assertHealthy();
            return accp;
          });

  private TokenCrypto() {}

  /**
   * The native provider, or empty (the JDK's) when it cannot load on this platform or fails its
   * self-test; logged once, with the reason.
   */
  static Optional<Provider> chooseFrom(Supplier<Provider> nativeProvider) {
    try {
      Provider provider = nativeProvider.get();
      LOG.info("ES256 tokens signed and checked by {}", provider.getName());
      return Optional.of(provider);
    } catch (RuntimeException | LinkageError e) {
      LOG.warn(
          "ES256 tokens signed and checked by the JDK (native provider unavailable: {})",
          e.toString());
      return Optional.empty();
    }
  }

  /** The provider in use, for a start-up log or a health detail. */
  public static String providerName() {
    return PROVIDER.map(Provider::getName).orElse("JDK");
  }

  static ECDSASigner signer(ECKey key) throws JOSEException {
    ECDSASigner signer = new ECDSASigner(key);
    PROVIDER.ifPresent(provider -> signer.getJCAContext().setProvider(provider));
    return signer;
  }

  static DefaultJWSVerifierFactory verifiers() {
    DefaultJWSVerifierFactory factory = new DefaultJWSVerifierFactory();
    PROVIDER.ifPresent(provider -> factory.getJCAContext().setProvider(provider));
    return factory;
  }
}
