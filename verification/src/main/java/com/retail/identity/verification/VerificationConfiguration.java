package com.retail.identity.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.RedisSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class VerificationConfiguration extends PlatformConfiguration {
  @JsonProperty @Valid @NotNull
  private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull
  private RedisSettings redis = new RedisSettings();

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public RedisSettings getRedis() {
    return redis;
  }
}
