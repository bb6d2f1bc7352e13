package com.retail.identity.common.crypto;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Seals personal data (a small JSON object of email, names, phone) with the user's data key. The
 * user id is authenticated with it, so a sealed value cannot be moved to another user.
 */
public final class PersonalDataCipher {
  private static final String VERSION = "v1:";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final DataKeys keys;

  public PersonalDataCipher(DataKeys keys) {
    this.keys = keys;
  }

  public String seal(UUID userId, Object personalData) {
    return seal(userId, keys.getOrCreate(userId), personalData);
  }

  /**
   * Seals the first personal data of a user id drawn just now (nobody else can hold it yet): the
   * key is written without a read or a conditional write.
   */
  public String sealNew(UUID userId, Object personalData) {
    return seal(userId, keys.createFresh(userId), personalData);
  }

  /**
   * Seals with the user's existing key, or answers empty when there is none (the user was erased):
   * a copy of personal data must never bring an erased user's key back.
   */
  public Optional<String> sealWithExistingKey(UUID userId, Object personalData) {
    return keys.find(userId).map(key -> seal(userId, key, personalData));
  }

  /** Seals with a key the caller already holds (a bulk load that has just created it). */
  public String seal(UUID userId, SecretKey key, Object personalData) {
    try {
      byte[] plaintext = JSON.writeValueAsBytes(personalData);
      byte[] sealed = AesGcm.encrypt(key, plaintext, aad(userId));
      return VERSION + Base64.getEncoder().encodeToString(sealed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise personal data", e);
    }
  }

  /** The personal data, or empty when the user has been erased (the key is gone). */
  public <T> Optional<T> open(UUID userId, String sealed, Class<T> type) {
    if (sealed == null || !sealed.startsWith(VERSION)) {
      return Optional.empty();
    }
    Optional<SecretKey> key = keys.find(userId);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    byte[] plaintext =
        AesGcm.decrypt(
            key.get(), Base64.getDecoder().decode(sealed.substring(VERSION.length())), aad(userId));
    try {
      return Optional.of(JSON.readValue(plaintext, type));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(
          "sealed personal data of " + userId + " is not " + type.getSimpleName(), e);
    }
  }

  private static byte[] aad(UUID userId) {
    return userId.toString().getBytes(StandardCharsets.UTF_8);
  }
}
