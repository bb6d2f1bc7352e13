package com.retail.identity.readmodel.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Settings of a new profile index (an existing index keeps its own). */
public class ProfileIndexSettings {
  @JsonProperty
  @Min(1)
  @Max(64)
  private int shards = 1;

  /** 0 on one local node; 1 in production (a copy in a second availability zone). */
  @JsonProperty
  @Min(0)
  @Max(5)
  private int replicas = 0;

  /** How soon a written document is searchable; part of the "found within 2 s" budget. */
  @JsonProperty
  @NotEmpty
  @Pattern(regexp = "[0-9]+(ms|s)", message = "must be like 500ms or 1s")
  private String refreshInterval = "1s";

  /** The local development search key; production must set its own. */
  public static final String LOCAL_SEARCH_KEY = "bG9jYWwtb25seS1zZWFyY2gta2V5LTMyLWJ5dGVzISE=";

  /**
   * Base64 of at least 32 bytes: the key the index's terms are hashed with ({@code SearchTerms}).
   * Documents and searches must use the same key, so a new key needs a rebuilt index ({@code replay
   * --search}). Production: {@code SEARCH_KEY} from SSM.
   */
  @JsonProperty @NotEmpty private String searchKey = LOCAL_SEARCH_KEY;

  public byte[] searchKey() {
    return Base64.getDecoder().decode(searchKey);
  }

  /** What is wrong with the search key for a service in {@code production} mode or not. */
  public List<String> problems(boolean production) {
    List<String> problems = new ArrayList<>();
    try {
      if (searchKey().length < 32) {
        problems.add("profileIndex.searchKey must decode to at least 32 bytes");
      }
    } catch (IllegalArgumentException e) {
      problems.add("profileIndex.searchKey is not base64");
    }
    if (production && LOCAL_SEARCH_KEY.equals(searchKey)) {
      problems.add(
          "profileIndex.searchKey is the local development key; mode PRODUCTION needs its own");
    }
    return problems;
  }

  public int getShards() {
    return shards;
  }

  public int getReplicas() {
    return replicas;
  }

  public String getRefreshInterval() {
    return refreshInterval;
  }
}
