package com.retail.identity.command.core;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The lookup key of an email address: a keyed hash of its normalised form, so the reservation
 * table enforces uniqueness without holding a readable address.
 */
public final class EmailKeys {
  private final SecretKeySpec key;

  public EmailKeys(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the email lookup secret must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /** Case-insensitive, surrounding white space ignored: the form that must be unique. */
  public static String normalise(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  public String keyOf(String email) {
    return mac("email:" + normalise(email));
  }

  /** A keyed fingerprint of any request data, e.g. an idempotent request's body: not reversible offline. */
  public String fingerprint(String data) {
    return mac("request:" + data);
  }

  private String mac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
