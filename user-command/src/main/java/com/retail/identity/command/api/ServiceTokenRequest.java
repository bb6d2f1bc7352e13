package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /internal/service-tokens}: a platform service exchanges its credentials for a
 * short-lived token.
 */
public record ServiceTokenRequest(
    @JsonProperty("clientId") @NotBlank @Size(max = 100) String clientId,
    @JsonProperty("clientSecret") @NotBlank @Size(max = 200) String clientSecret) {

  @Override
  public String toString() {
    return "ServiceTokenRequest[clientId=" + clientId + "]";
  }
}
