package com.retail.identity.common.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How many API requests may do work at once, and how long an extra one waits for a slot before it
 * is answered 503 with {@code Retry-After}.
 */
public class ConcurrencySettings {
  /** Requests doing work at once; 0 switches the limit off. */
  @JsonProperty
  @Min(0)
  @Max(10_000)
  private int maxConcurrentRequests = 64;

  /** How long a request beyond the limit waits for a slot: absorbs a burst, not an overload. */
  @JsonProperty
  @Min(0)
  @Max(10_000)
  private int maxWaitMillis = 50;

  @JsonProperty
  @Min(1)
  @Max(600)
  private int retryAfterSeconds = 1;

  public int getMaxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  public int getMaxWaitMillis() {
    return maxWaitMillis;
  }

  public int getRetryAfterSeconds() {
    return retryAfterSeconds;
  }
}
