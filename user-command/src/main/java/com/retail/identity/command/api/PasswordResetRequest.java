package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/password-resets}: the address of the account to recover. */
public record PasswordResetRequest(@JsonProperty("email") @NotBlank @Size(max = 254) String email) {

  @Override
  public String toString() {
    return "PasswordResetRequest[]";
  }
}
