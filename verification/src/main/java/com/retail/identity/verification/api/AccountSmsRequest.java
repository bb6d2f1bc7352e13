package com.retail.identity.verification.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /internal/account-sms}, from user-command: a message to the account's verified phone.
 *
 * @param kind {@code password-reset}
 * @param secret the one-time secret the message carries
 * @param minutes how long the secret is valid
 * @param language the account's locale (BCP 47), optional
 */
public record AccountSmsRequest(
    @JsonProperty("userId")
        @NotBlank
        @Pattern(
            regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            message = "must be a UUID")
        String userId,
    @JsonProperty("phone")
        @NotBlank
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number")
        String phone,
    @JsonProperty("kind")
        @NotBlank
        @Pattern(regexp = "password-reset", message = "must be password-reset")
        String kind,
    @JsonProperty("secret") @NotBlank @Size(max = 200) String secret,
    @JsonProperty("minutes") @Min(1) @Max(1440) int minutes,
    @JsonProperty("language") @Size(max = 35) String language) {

  @Override
  public String toString() {
    return "AccountSmsRequest[userId=" + userId + ", kind=" + kind + "]";
  }
}
