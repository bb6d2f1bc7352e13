package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PUT /v1/users/{id}/password}. */
public record PasswordChangeRequest(
    @JsonProperty("currentPassword") @NotBlank @Size(max = 128) String currentPassword,
    @JsonProperty("newPassword") String newPassword) {

  @Override
  public String toString() {
    return "PasswordChangeRequest[]";
  }
}
