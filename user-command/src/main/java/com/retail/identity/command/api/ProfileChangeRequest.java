package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Size;

/** {@code PATCH /v1/users/{id}}: absent fields stay as they are. The email is changed elsewhere. */
public record ProfileChangeRequest(
    @JsonProperty("firstName") String firstName,
    @JsonProperty("lastName") String lastName,
    @JsonProperty("country") String country,
    @JsonProperty("phone") String phone,
    @JsonProperty("locale") String locale,
    @JsonProperty("email") String email,
    @JsonProperty("currentPassword") @Size(max = 128) String currentPassword) {

  @Override
  public String toString() {
    return "ProfileChangeRequest[country=" + country + "]";
  }
}
