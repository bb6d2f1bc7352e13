package com.retail.identity.verification.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code PUT /v1/flags/{userId}} (admin): why the account is kept from launch purchases. */
public record FlagRequest(@NotBlank @Size(max = 200) String reason) {}
