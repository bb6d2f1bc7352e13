package com.retail.identity.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.CouchbaseSettings;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.store.SearchSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

public class UserQueryConfiguration extends PlatformConfiguration {
  @JsonProperty @Valid @NotNull
  private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull
  private SearchSettings search = new SearchSettings();

  @JsonProperty @Valid @NotNull
  private CouchbaseSettings couchbase = new CouchbaseSettings();

  @JsonProperty @Valid @NotNull
  private RedisSettings redis = new RedisSettings();



  /** Eureka VIP address of user-command, the token issuer whose keys verify bearer tokens. */
  @JsonProperty @jakarta.validation.constraints.NotEmpty
  private String userCommandVip = "user-command";

  public String getUserCommandVip() {
    return userCommandVip;
  }

  public CassandraSettings getCassandra() {
    return cassandra;
  }

  public SearchSettings getSearch() {
    return search;
  }

  public CouchbaseSettings getCouchbase() {
    return couchbase;
  }

  public RedisSettings getRedis() {
    return redis;
  }
}
