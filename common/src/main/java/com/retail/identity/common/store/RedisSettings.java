package com.retail.identity.common.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** Redis: reference data, rate-limit buckets, counters. */
public class RedisSettings {
  @JsonProperty @NotEmpty private String host = "127.0.0.1";

  @JsonProperty
  @Min(1)
  @Max(65535)
  private int port = 6379;

  /** Prefix of every key the platform writes, so environments and test runs never meet. */
  @JsonProperty @NotEmpty private String keyPrefix = "identity:";

  @JsonProperty
  @Min(50)
  private int timeoutMillis = 500;

  @JsonProperty
  @Min(1)
  private int maxConnections = 32;

  public String getHost() {
    return host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix;
  }

  public int getTimeoutMillis() {
    return timeoutMillis;
  }

  public int getMaxConnections() {
    return maxConnections;
  }
}
