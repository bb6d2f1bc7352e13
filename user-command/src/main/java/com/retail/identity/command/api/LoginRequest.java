package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/sessions}. */
public record LoginRequest(
    @JsonProperty("email") @NotBlank @Size(max = 254) String email,
    @JsonProperty("password") @NotBlank @Size(max = 128) String password) {

  @Override
  public String toString() {
    return "LoginRequest[]";
  }
}
