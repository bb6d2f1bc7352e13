package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/password-resets/confirm}: the emailed token and the new password. */
public record PasswordResetConfirmRequest(
    @JsonProperty("token") @NotBlank @Size(max = 128) String token,
    @JsonProperty("newPassword") String newPassword) {

  @Override
  public String toString() {
    return "PasswordResetConfirmRequest[]";
  }
}
