package com.retail.identity.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The personal data an event carries, sealed with the user's data key before it is stored (see
 * {@link com.retail.identity.common.crypto.PersonalDataCipher}). Null fields are unchanged (in
 * updates) or absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonalData(String email, String firstName, String lastName, String phone) {
  @Override
  public String toString() {
    return "PersonalData[redacted]";
  }
}
