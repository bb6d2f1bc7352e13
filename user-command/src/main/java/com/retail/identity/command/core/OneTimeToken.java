package com.retail.identity.command.core;

import com.retail.identity.common.crypto.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * A single-use secret sent to a customer (password reset, email verification): the account's id and
 * 256 random bits, as one URL-safe string. Only {@link #secretHash()} is stored, so a reader of the
 * store cannot use a pending token; the id lets the confirmation find the account without a lookup
 * table.
 */
public final class OneTimeToken {
  private static final int SECRET_BYTES = 32;
  private static final int TOKEN_BYTES = 16 + SECRET_BYTES;
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final UUID userId;
  private final byte[] secret;

  private OneTimeToken(UUID userId, byte[] secret) {
    this.userId = userId;
    this.secret = secret;
  }

  public static OneTimeToken issue(UUID userId, SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new OneTimeToken(userId, secret);
  }

  /** The token a customer brings back, or empty when it cannot be one of ours. */
  public static Optional<OneTimeToken> parse(String text) {
    if (text == null || text.length() > 128) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length != TOKEN_BYTES) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    UUID userId = new UUID(buffer.getLong(), buffer.getLong());
    byte[] secret = new byte[SECRET_BYTES];
    buffer.get(secret);
    return Optional.of(new OneTimeToken(userId, secret));
  }

  public UUID userId() {
    return userId;
  }

  /** What goes to the customer. */
  public String text() {
    ByteBuffer buffer = ByteBuffer.allocate(TOKEN_BYTES);
    buffer.putLong(userId.getMostSignificantBits()).putLong(userId.getLeastSignificantBits());
    buffer.put(secret);
    return TEXT.encodeToString(buffer.array());
  }

  /** What is stored: SHA-256 of the secret (256 random bits need no slow hash). */
  public String secretHash() {
    return TEXT.encodeToString(Sha256.of(secret));
  }

  /** Whether this token is the one whose hash was stored, compared in constant time. */
  public boolean matches(String storedHash) {
    return storedHash != null
        && MessageDigest.isEqual(
            secretHash().getBytes(StandardCharsets.US_ASCII),
            storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "OneTimeToken[userId=" + userId + "]";
  }
}
