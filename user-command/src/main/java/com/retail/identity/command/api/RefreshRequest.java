package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/sessions/refresh}. */
public record RefreshRequest(
    @JsonProperty("refreshToken") @NotBlank @Size(max = 200) String refreshToken) {
  @Override
  public String toString() {
    return "RefreshRequest[]";
  }
}
