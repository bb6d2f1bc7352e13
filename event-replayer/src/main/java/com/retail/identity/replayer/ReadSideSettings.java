package com.retail.identity.replayer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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

/**
 * What a rebuild and the reference-data load read from user-query's configuration file: the stores
 * of the read models and the settings of a new profile index. The rest of the file is user-query's
 * own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class ReadSideSettings extends PlatformConfiguration {
  @JsonProperty @Valid @NotNull private CassandraSettings cassandra = new CassandraSettings();

  @JsonProperty @Valid @NotNull private SearchSettings search = new SearchSettings();

  @JsonProperty @Valid @NotNull private CouchbaseSettings couchbase = new CouchbaseSettings();

  @JsonProperty @Valid @NotNull private RedisSettings redis = new RedisSettings();

  @JsonProperty @Valid @NotNull
  private ProfileIndexSettings profileIndex = new ProfileIndexSettings();

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

  public ProfileIndexSettings getProfileIndex() {
    return profileIndex;
  }

  @Override
  public List<String> crossFieldProblems() {
    List<String> problems = super.crossFieldProblems();
    problems.addAll(profileIndex.problems(getMode().isProduction()));
    return problems;
  }
}
