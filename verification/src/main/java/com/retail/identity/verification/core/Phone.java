package com.retail.identity.verification.core;

/**
 * A phone number that may receive codes: E.164 text, its ISO region and libphonenumber's type name.
 */
public record Phone(String e164, String region, String type) {
  @Override
  public String toString() {
    return "Phone{region=" + region + ", type=" + type + "}"; // never the number itself
  }
}
