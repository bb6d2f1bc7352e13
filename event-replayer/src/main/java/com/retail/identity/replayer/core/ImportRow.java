package com.retail.identity.replayer.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.command.core.ImportUsers;

/** One existing customer, as the previous system exports them (JSON Lines or CSV with a header). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportRow(
    @JsonProperty("email") String email,
    @JsonProperty("firstName") String firstName,
    @JsonProperty("lastName") String lastName,
    @JsonProperty("country") String country,
    @JsonProperty("phone") String phone,
    @JsonProperty("phoneVerified") Boolean phoneVerified,
    @JsonProperty("createdAt") String createdAt,
    @JsonProperty("passwordHash") String passwordHash,
    @JsonProperty("locale") String locale) {

  /** The customer, for user-command's import. */
  @JsonIgnore
  public ImportUsers.ExistingCustomer customer() {
    return new ImportUsers.ExistingCustomer(
        email, firstName, lastName, country, phone, phoneVerified, createdAt, passwordHash, locale);
  }

  @Override
  public String toString() {
    return "ImportRow[country=" + country + "]";
  }
}
