package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A 202 answer: the message is on its way (or, for a reset, would be if an account used it). */
public record Accepted(
    @JsonProperty("status") String status, @JsonProperty("detail") String detail) {
  /** The answer to every well-formed reset request, whether or not an account uses the address. */
  public static final Accepted PASSWORD_RESET =
      new Accepted(
          "accepted",
          "If an account uses this address, an email with a link to choose a new password is on"
              + " its way (and an SMS to the account's verified phone, if it has one). The link"
              + " works once, for 30 minutes.");

  /** A new verification email is on its way to the account's registered address. */
  public static final Accepted EMAIL_VERIFICATION =
      new Accepted(
          "accepted",
          "A new email with a link to confirm the address is on its way. The link works once, for"
              + " 24 hours; earlier links no longer work.");
}
