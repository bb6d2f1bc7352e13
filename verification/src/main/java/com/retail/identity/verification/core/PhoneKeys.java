package com.retail.identity.verification.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys derived from the configured phone secret, one per purpose (HMAC-SHA256 of a label): keyed
 * hashes of phone numbers (what Redis and Cassandra hold instead of numbers), keyed hashes of codes
 * (a stolen Redis dump does not give away a 6-digit code), and AES-GCM sealing of the number inside
 * a pending verification (needed once more to tell user-command which number was verified).
 */
public final class PhoneKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] hashKey;
  private final byte[] codeKey;
  private final SecretKeySpec sealKey;

  public PhoneKeys(byte[] secret) {
    this.hashKey = derive(secret, "phone-hash-v1");
    this.codeKey = derive(secret, "otp-code-v1");
    this.sealKey = new SecretKeySpec(derive(secret, "phone-seal-v1"), "AES");
  }

  /** The keyed hash that stands for a phone number everywhere we store one. */
  public String phoneHash(String e164) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(hashKey, e164));
  }

  /** The keyed hash of a code, bound to the user and the phone it was sent for. */
  public String codeHash(UUID userId, String phoneHash, String code) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(codeKey, userId + ":" + phoneHash + ":" + code));
  }

  public String seal(UUID userId, String e164) {
    try {
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(userId.toString().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(e164.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal", e);
    }
  }

  public String open(UUID userId, String sealed) {
    try {
      byte[] bytes = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(128, bytes, 0, 12));
      cipher.updateAAD(userId.toString().getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("sealed phone does not open", e);
    }
  }

  private static byte[] derive(byte[] secret, String label) {
    return hmac(secret, label);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
