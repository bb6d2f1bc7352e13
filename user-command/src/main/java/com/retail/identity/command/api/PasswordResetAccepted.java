package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to every well-formed reset request, whether or not an account uses the address. */
public record PasswordResetAccepted(
    @JsonProperty("status") String status, @JsonProperty("detail") String detail) {
  public static final PasswordResetAccepted INSTANCE =
      new PasswordResetAccepted(
          "accepted",
          "If an account uses this address, an email with a link to choose a new password is on"
              + " its way. The link works once, for 30 minutes.");
}
