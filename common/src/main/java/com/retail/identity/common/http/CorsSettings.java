package com.retail.identity.common.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Web-app origins allowed to call the service from a browser. */
public class CorsSettings {
  @JsonProperty private List<String> allowedOrigins = List.of();

  @JsonProperty private int maxAgeSeconds = 600;

  public List<String> getAllowedOrigins() {
    return allowedOrigins;
  }

  public void setAllowedOrigins(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
  }

  public int getMaxAgeSeconds() {
    return maxAgeSeconds;
  }
}
