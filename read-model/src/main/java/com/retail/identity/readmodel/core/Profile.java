package com.retail.identity.readmodel.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's profile as the read models hold it (the cache document, the search document and a fold
 * of the stream all have this shape): what the apps may see, never a password hash, code or key.
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
