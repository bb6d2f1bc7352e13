package com.retail.identity.common.tokens;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.Provider;
import java.text.ParseException;

/**
 * CPU per ES256 signature and per check, on the JDK's provider and on the native one {@link
 * TokenCrypto} uses (ADR 0003). A measurement, not a test (no assertions; surefire does not pick it
 * up). Run on an otherwise quiet machine:
 *
 * <pre>
 * ./mvnw -o -q test-compile dependency:build-classpath -pl common -Dmdep.outputFile=/tmp/common.cp
 * java -cp common/target/test-classes:common/target/classes:$(cat /tmp/common.cp) \
 *   com.retail.identity.common.tokens.TokenSignatureRate 4000
 * </pre>
 */
public final class TokenSignatureRate {
  private TokenSignatureRate() {}

  public static void main(String[] args) throws JOSEException, ParseException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    ECKey key = SigningKeys.generate();
    measure("JDK", null, key, rounds);
    AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
    accp.assertHealthy();
    measure(accp.getName(), accp, key, rounds);
  }

  private static void measure(String name, Provider provider, ECKey key, int rounds)
      throws JOSEException, ParseException {
    ECDSASigner signer = new ECDSASigner(key);
    ECDSAVerifier verifier = new ECDSAVerifier(key.toPublicJWK());
    if (provider != null) {
      signer.getJCAContext().setProvider(provider);
      verifier.getJCAContext().setProvider(provider);
    }
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build();
    Payload payload = new Payload("{\"sub\":\"00000000-0000-0000-0000-000000000000\"}");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    JWSObject signed = null;
    for (int i = 0; i < rounds / 2; i++) {
      signed = new JWSObject(header, payload);
      signed.sign(signer);
      signed.verify(verifier);
    }
    long start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      signed = new JWSObject(header, payload);
      signed.sign(signer);
    }
    double signMicros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / rounds;
    start = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < rounds; i++) {
      JWSObject.parse(signed.serialize()).verify(verifier);
    }
    double verifyMicros = (threads.getCurrentThreadCpuTime() - start) / 1e3 / rounds;
    System.out.printf(
        "%-24s %7.1f µs CPU per signature, %7.1f µs per check (%d each after %d warm-up)%n",
        name, signMicros, verifyMicros, rounds, rounds / 2);
  }
}
