package com.retail.identity.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A user's profile as apps read it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
    UUID userId,
    String email,
    String firstName,
    String lastName,
    String country,
    String phone,
    boolean phoneVerified,
    boolean emailVerified,
    String locale,
    Instant createdAt,
    long version) {}
