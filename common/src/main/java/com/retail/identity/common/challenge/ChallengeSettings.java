package com.retail.identity.common.challenge;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Proof-of-work challenges: the HMAC key that signs them (the same in every service that issues or
 * verifies them: verification issues, user-command verifies) and how long a challenge lives.
 */
public class ChallengeSettings {
  /** The local-only key of {@code config/local.yml}; refused in production. */
  public static final String LOCAL_KEY = "local-only-challenge-hmac-key-0000000000000000";

  /** Used as the ALTCHA HMAC key (its UTF-8 bytes), as every ALTCHA server library does. */
  @JsonProperty
  @NotEmpty
  @Size(min = 32, message = "must be at least 32 characters")
  private String hmacKey = LOCAL_KEY;

  /** A challenge must be solved and used within this many seconds. */
  @JsonProperty
  @Min(10)
  @Max(3600)
  private int expirySeconds = 300;

  public String getHmacKey() {
    return hmacKey;
  }

  public void setHmacKey(String hmacKey) {
    this.hmacKey = hmacKey;
  }

  public int getExpirySeconds() {
    return expirySeconds;
  }

  public void setExpirySeconds(int expirySeconds) {
    this.expirySeconds = expirySeconds;
  }

  @Override
  public String toString() {
    return "ChallengeSettings{hmacKey=<hidden>, expirySeconds=" + expirySeconds + "}";
  }
}
