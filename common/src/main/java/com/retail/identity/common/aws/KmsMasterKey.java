package com.retail.identity.common.aws;

import com.amazonaws.AmazonClientException;
import com.amazonaws.services.kms.AWSKMS;
import com.amazonaws.services.kms.model.DecryptRequest;
import com.amazonaws.services.kms.model.EncryptRequest;
import com.retail.identity.common.crypto.MasterKey;
import com.retail.identity.common.crypto.MasterKeyUnavailable;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A master key that never leaves AWS KMS: a data key is wrapped by KMS {@code Encrypt} and
 * unwrapped by {@code Decrypt} under the key {@code keyId} (an id, ARN or alias), with an
 * encryption context naming the purpose, so a ciphertext made for anything else does not unwrap
 * here. Unwrapped data keys are cached by {@link
 * com.retail.identity.common.store.CassandraDataKeys}, so KMS is asked once per user and cache
 * period, not per request; KMS slow or down is {@link MasterKeyUnavailable} (a 503).
 */
public final class KmsMasterKey implements MasterKey {
  static final Map<String, String> CONTEXT = Map.of("purpose", "identity-data-key");
  private final String id;
  private final String keyId;
  private final AWSKMS kms;

  /**
   * @param id the name data keys record (the configured master key id)
   * @param keyId the KMS key that does the work
   */
  public KmsMasterKey(String id, String keyId, AWSKMS kms) {
    this.id = id;
    this.keyId = keyId;
    this.kms = kms;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] wrap(byte[] dataKey) {
    try {
      return bytes(
          kms.encrypt(
                  new EncryptRequest()
                      .withKeyId(keyId)
                      .withPlaintext(ByteBuffer.wrap(dataKey))
                      .withEncryptionContext(CONTEXT))
              .getCiphertextBlob());
    } catch (AmazonClientException e) {
      throw new MasterKeyUnavailable("KMS could not wrap a data key: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] unwrap(byte[] wrappedDataKey) {
    try {
      return bytes(
          kms.decrypt(
                  new DecryptRequest()
                      .withKeyId(keyId)
                      .withCiphertextBlob(ByteBuffer.wrap(wrappedDataKey))
                      .withEncryptionContext(CONTEXT))
              .getPlaintext());
    } catch (AmazonClientException e) {
      throw new MasterKeyUnavailable("KMS could not unwrap a data key: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public String toString() {
    return "KmsMasterKey[" + id + " = " + keyId + "]";
  }
}
