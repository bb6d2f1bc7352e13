package com.retail.identity.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A master key held in configuration: local and test mode; production uses a KMS-backed {@link
 * MasterKey}.
 */
public final class LocalMasterKey implements MasterKey {
  private static final byte[] PURPOSE = "identity-data-key".getBytes(StandardCharsets.UTF_8);
  private final String id;
  private final SecretKey key;

  public LocalMasterKey(String id, String base64Key) {
    byte[] raw = Base64.getDecoder().decode(base64Key);
    if (raw.length != 32) {
      throw new IllegalArgumentException("the master key must be 32 bytes (base64)");
    }
    this.id = id;
    this.key = new SecretKeySpec(raw, "AES");
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey) {
    return AesGcm.encrypt(key, dataKey, PURPOSE);
  }

  @Override
  public byte[] unwrap(byte[] wrappedDataKey) {
    return AesGcm.decrypt(key, wrappedDataKey, PURPOSE);
  }

  @Override
  public String toString() {
    return "LocalMasterKey[" + id + "]";
  }
}
