package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /internal/users/{id}/phone-verified}, from the verification service. */
public record PhoneVerifiedRequest(
    @JsonProperty("verificationId") @NotBlank @Size(max = 100) String verificationId,
    @JsonProperty("phone")
        @NotBlank
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number")
        String phone) {

  @Override
  public String toString() {
    return "PhoneVerifiedRequest[verificationId=" + verificationId + "]";
  }
}
