package com.retail.identity.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/users}. */
public record RegistrationRequest(
    @JsonProperty("email") @NotBlank @Size(max = 254) @Email String email,
    @JsonProperty("password") @NotBlank @Size(min = 8, max = 128) String password,
    @JsonProperty("firstName") @NotBlank @Size(max = 100) String firstName,
    @JsonProperty("lastName") @NotBlank @Size(max = 100) String lastName,
    @JsonProperty("country") @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 code") String country,
    @JsonProperty("phone") @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number") String phone,
    @JsonProperty("locale") @Size(max = 35) String locale) {

  @Override
  public String toString() {
    return "RegistrationRequest[country=" + country + "]";
  }
}
