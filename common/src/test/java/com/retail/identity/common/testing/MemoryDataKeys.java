package com.retail.identity.common.testing;

import com.retail.identity.common.crypto.DataKeys;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

/**
 * Per-user data keys in memory, for unit tests: a destroyed key is gone for good, as
 * crypto-shredding needs.
 */
public final class MemoryDataKeys implements DataKeys {
  private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();
  private volatile boolean down;

  @Override
  public SecretKey getOrCreate(UUID userId) {
    failIfDown();
    return keys.computeIfAbsent(userId, u -> newKey());
  }

  @Override
  public SecretKey createFresh(UUID userId) {
    failIfDown();
    SecretKey key = newKey();
    keys.put(userId, key);
    return key;
  }

  @Override
  public Optional<SecretKey> find(UUID userId) {
    failIfDown();
    return Optional.ofNullable(keys.get(userId));
  }

  @Override
  public void destroy(UUID userId) {
    failIfDown();
    keys.remove(userId);
  }

  /** While down, every call fails as a store that cannot be reached. */
  public void down(boolean down) {
    this.down = down;
  }

  private void failIfDown() {
    if (down) {
      throw new IllegalStateException("data key store unreachable");
    }
  }

  private static SecretKey newKey() {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES");
      generator.init(256);
      return generator.generateKey();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
