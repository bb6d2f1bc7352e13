package com.retail.identity.common.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;

/**
 * The ES256 key set that signs access tokens. The first key signs; every key in the set is
 * published in the JWKS, so a new key can be added first and an old one retired a token lifetime
 * after it stopped signing (rollover without a failed verification).
 */
public final class SigningKeys {
  private final JWKSet privateSet;

  private SigningKeys(JWKSet privateSet) {
    if (privateSet.getKeys().isEmpty()) {
      throw new IllegalArgumentException("the signing key set is empty");
    }
    for (JWK key : privateSet.getKeys()) {
      if (!(key instanceof ECKey ec) || !ec.isPrivate() || key.getKeyID() == null) {
        throw new IllegalArgumentException(
            "every signing key must be a private EC P-256 key with a kid");
      }
    }
    this.privateSet = privateSet;
  }

  /**
   * Loads the key set file; with {@code createIfMissing} (local mode only) makes a fresh one first.
   */
  public static SigningKeys load(Path file, boolean createIfMissing) {
    try {
      if (!Files.exists(file)) {
        if (!createIfMissing) {
          throw new IllegalStateException("signing key file " + file + " does not exist");
        }
        writeNew(file);
      }
      return new SigningKeys(JWKSet.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read signing key file " + file, e);
    } catch (ParseException e) {
      throw new IllegalStateException("signing key file " + file + " is not a JWK set", e);
    }
  }

  public static SigningKeys of(JWKSet privateSet) {
    return new SigningKeys(privateSet);
  }

  public static ECKey generate() {
    try {
      return new ECKeyGenerator(Curve.P_256)
          .keyID(UUID.randomUUID().toString())
          .keyUse(KeyUse.SIGNATURE)
          .algorithm(JWSAlgorithm.ES256)
          .generate();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC key", e);
    }
  }

  private static void writeNew(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Path tmp =
        Files.createTempFile(
            file.toAbsolutePath().getParent(),
            ".jwks",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(
        tmp, new JWKSet(generate()).toString(false), StandardOpenOption.TRUNCATE_EXISTING);
    try {
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      Files.deleteIfExists(tmp);
    }
  }

  public ECKey active() {
    return (ECKey) privateSet.getKeys().get(0);
  }

  /** Public halves only: what the JWKS endpoint serves. */
  public JWKSet publicSet() {
    return privateSet.toPublicJWKSet();
  }
}
