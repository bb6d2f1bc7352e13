package com.retail.identity.readmodel.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's profile as a fold of the stream makes it and a profile read answers it: what the apps
 * may see, never a password hash, code or key. The cache document seals it with the user's data
 * key; the search document holds keyed hashes of its personal data and its other fields (ADR 0102).
 * {@code version} is the sequence number of the last event of the user's stream it reflects.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
    UUID userId,
    String email,
    String firstName,
    String lastName,
    String phone,
    boolean phoneVerified,
    boolean emailVerified,
    String country,
    String locale,
    Instant createdAt,
    long version) {

  public Profile withVersion(long newVersion) {
    return new Profile(
        userId,
        email,
        firstName,
        lastName,
        phone,
        phoneVerified,
        emailVerified,
        country,
        locale,
        createdAt,
        newVersion);
  }

  /** Personal data must not reach a log line through string concatenation. */
  @Override
  public String toString() {
    return "Profile[userId=" + userId + ", version=" + version + "]";
  }
}
