package com.retail.identity.verification.core;

import java.security.SecureRandom;

/** Six-digit one-time codes from a cryptographically secure source, uniformly distributed. */
public final class OtpCodes {
  private final SecureRandom random;

  public OtpCodes() {
    this(new SecureRandom());
  }

  OtpCodes(SecureRandom random) {
    this.random = random;
  }

  public String next() {
    return String.format("%06d", random.nextInt(1_000_000));
  }

  public static boolean wellFormed(String code) {
    return code != null && code.length() == 6 && code.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
