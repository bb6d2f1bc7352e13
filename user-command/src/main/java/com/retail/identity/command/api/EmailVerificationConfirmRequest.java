package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/email-verifications/confirm}: the token of the emailed link. */
public record EmailVerificationConfirmRequest(
    @JsonProperty("token") @NotBlank @Size(max = 128) String token) {

  @Override
  public String toString() {
    return "EmailVerificationConfirmRequest[]";
  }
}
