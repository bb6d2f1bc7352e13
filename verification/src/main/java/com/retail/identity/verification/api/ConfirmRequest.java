package com.retail.identity.verification.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/verifications/{id}/confirm}. */
public record ConfirmRequest(@NotBlank @Size(max = 16) String code) {}
