package com.retail.identity.verification.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/** How verification identifies itself to user-command for a service token. */
public class ServiceClientSettings {
  public static final String LOCAL_SECRET = "local-verification-secret";

  @JsonProperty @NotEmpty private String id = "verification";

  @JsonProperty
  @NotEmpty
  @Size(min = 16, message = "must be at least 16 characters")
  private String secret = LOCAL_SECRET;

  public String getId() {
    return id;
  }

  public String getSecret() {
    return secret;
  }

  @Override
  public String toString() {
    return "ServiceClientSettings{id=" + id + ", secret=<hidden>}";
  }
}
