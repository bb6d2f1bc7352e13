package com.retail.identity.query.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.retail.identity.common.config.Knobs;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An issuer for tests of user-query alone: serves its public key at the JWKS path on loopback and
 * signs access tokens (ES256) with any subject and roles. The service under test reaches it through
 * its own Ribbon client name ({@code userCommandClient}), so other apps in the JVM keep using
 * Eureka.
 */
public final class TestTokens {
  private final ECKey key;
  private final HttpServer server;
  private final String clientName;

  private TestTokens(ECKey key, HttpServer server, String clientName) {
    this.key = key;
    this.server = server;
    this.clientName = clientName;
  }

  public static TestTokens start() {
    try {
      ECKey key = new ECKeyGenerator(Curve.P_256).keyID("it-" + UUID.randomUUID()).generate();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      server.createContext(
          "/.well-known/jwks.json",
          exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(jwks);
            }
          });
      server.start();
      String client = "it-issuer-" + UUID.randomUUID().toString().substring(0, 8);
      Knobs.override(
          client + ".ribbon.listOfServers", "127.0.0.1:" + server.getAddress().getPort());
      return new TestTokens(key, server, client);
    } catch (IOException | com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot start the test issuer", e);
    }
  }

  /** The {@code userCommandClient} setting that points a user-query under test at this issuer. */
  public String clientName() {
    return clientName;
  }

  /** The issuer of config/local.yml, which the user-query under test checks. */
  static final String ISSUER =
      System.getenv().getOrDefault("TOKEN_ISSUER", "http://127.0.0.1:8080");

  public String user(UUID userId) {
    return token(userId, List.of("user"));
  }

  public String admin() {
    return token(UUID.randomUUID(), List.of("user", "admin"));
  }

  public String token(UUID subject, List<String> roles) {
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience("retail-apps")
            .subject(subject.toString())
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(600)))
            .jwtID(UUID.randomUUID().toString())
            .claim("roles", roles)
            .build();
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.ES256)
                  .keyID(key.getKeyID())
                  .type(JOSEObjectType.JWT)
                  .build(),
              claims);
      jwt.sign(new ECDSASigner(key));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public void stop() {
    Knobs.clearOverride(clientName + ".ribbon.listOfServers");
    server.stop(0);
  }
}
