package com.retail.identity.readmodel.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

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
