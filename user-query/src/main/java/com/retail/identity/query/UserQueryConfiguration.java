package com.retail.identity.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.common.platform.PlatformConfiguration;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.CouchbaseSettings;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.store.SearchSettings;
import com.retail.identity.readmodel.store.ProfileIndexSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.List;

public class UserQueryConfiguration extends PlatformConfiguration {
  @JsonProperty @Valid @NotNull private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull private SearchSettings search = new SearchSettings();

  @JsonProperty @Valid @NotNull private CouchbaseSettings couchbase = new CouchbaseSettings();

  @JsonProperty @Valid @NotNull private RedisSettings redis = new RedisSettings();

  /** Settings of a new profile index (shards, replicas, refresh interval). */
  @JsonProperty @Valid @NotNull
  private ProfileIndexSettings profileIndex = new ProfileIndexSettings();

  @JsonProperty @Valid @NotNull private ProjectionSettings projection = new ProjectionSettings();

  @JsonProperty @Valid @NotNull
  private ReferenceDataSettings referenceData = new ReferenceDataSettings();

  /** Eureka VIP address of user-command, the token issuer whose keys verify bearer tokens. */
  @JsonProperty @jakarta.validation.constraints.NotEmpty
  private String userCommandVip = "user-command";

  /**
   * Name of the Ribbon/Hystrix client that fetches the issuer's keys; its servers come from Eureka
   * (the VIP above) unless the knob {@code <name>.ribbon.listOfServers} names them.
   */
  @JsonProperty @jakarta.validation.constraints.NotEmpty
  private String userCommandClient = "user-command";

  public String getUserCommandVip() {
    return userCommandVip;
  }

  public String getUserCommandClient() {
    return userCommandClient;
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

  public byte[] searchKey() {
    return profileIndex.searchKey();
  }

  public ProfileIndexSettings getProfileIndex() {
    return profileIndex;
  }

  public ProjectionSettings getProjection() {
    return projection;
  }

  public ReferenceDataSettings getReferenceData() {
    return referenceData;
  }

  @Override
  public List<String> crossFieldProblems() {
    List<String> problems = super.crossFieldProblems();
    problems.addAll(profileIndex.problems(getMode().isProduction()));
    return problems;
  }
}
