package com.retail.identity.common.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

/** The Couchbase bucket that caches profile documents. */
public class CouchbaseSettings {
  @JsonProperty @NotEmpty private String host = "127.0.0.1";

  /** The cluster manager (REST) port. */
  @JsonProperty
  @Min(1)
  @Max(65535)
  private int managerPort = 8091;

  /**
   * The key-value port; 0 asks the cluster manager for it (the local Couchbase-protocol server
   * picks a random one), otherwise the standard 11210 in production.
   */
  @JsonProperty
  @Min(0)
  @Max(65535)
  private int kvPort = 11210;

  @JsonProperty @NotEmpty private String bucket = "profiles";

  @JsonProperty @NotEmpty private String username = "profiles";

  /**
   * The bucket password; in production a reference resolved from the instance's secrets at boot.
   */
  @JsonProperty private String password = "";

  @JsonProperty
  @Min(100)
  private int timeoutMillis = 1500;

  public String getHost() {
    return host;
  }

  public int getManagerPort() {
    return managerPort;
  }

  public void setManagerPort(int managerPort) {
    this.managerPort = managerPort;
  }

  public int getKvPort() {
    return kvPort;
  }

  public void setKvPort(int kvPort) {
    this.kvPort = kvPort;
  }

  public String getBucket() {
    return bucket;
  }

  public String getUsername() {
    return username;
  }

  public String getPassword() {
    return password;
  }

  public int getTimeoutMillis() {
    return timeoutMillis;
  }
}
