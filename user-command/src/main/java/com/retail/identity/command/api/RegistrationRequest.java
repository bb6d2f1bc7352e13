package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST /v1/users}. Field rules are checked together, so one answer names every bad field.
 */
public record RegistrationRequest(
    @JsonProperty("email") String email,
    @JsonProperty("password") String password,
    @JsonProperty("firstName") String firstName,
    @JsonProperty("lastName") String lastName,
    @JsonProperty("country") String country,
    @JsonProperty("phone") String phone,
    @JsonProperty("locale") String locale) {

  @Override
  public String toString() {
    return "RegistrationRequest[country=" + country + "]";
  }
}
