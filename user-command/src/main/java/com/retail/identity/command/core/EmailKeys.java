package com.retail.identity.command.core;

import com.ibm.icu.text.Normalizer2;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The identity key of an email address: a keyed hash of its key form, so the reservation table
 * enforces uniqueness without holding a readable address. The one place that says when two
 * spellings are the same person (docs/adr/0006-identity-key-normalisation.md): registration, login,
 * the import and erasure all key an address here.
 */
public final class EmailKeys {
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
  private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
  private final SecretKeySpec key;

  public EmailKeys(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the email lookup secret must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  /**
   * The form that must be unique and that login looks up: Unicode NFKC with full case folding
   * (full-width, ligature and other compatibility spellings, case and invisible format characters
   * all fold away), surrounding white space ignored. Dots and {@code +tags} are kept: what they
   * mean is the mailbox provider's business.
   */
  public static String keyForm(String email) {
    return NFKC_CASEFOLD.normalize(email).strip();
  }

  /**
   * The address as kept in the profile: as the customer typed it, with compatibility characters
   * replaced by their standard form (NFKC: a full-width address becomes the one mail can reach),
   * surrounding white space removed. Case is kept; the local part's case belongs to the provider.
   */
  public static String storedForm(String email) {
    return NFKC.normalize(email).strip();
  }

  public String keyOf(String email) {
    return mac("email:" + keyForm(email));
  }

  /**
   * A keyed fingerprint of any request data, e.g. an idempotent request's body: not reversible
   * offline.
   */
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
