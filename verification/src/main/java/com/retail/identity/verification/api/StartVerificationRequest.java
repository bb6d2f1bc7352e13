package com.retail.identity.verification.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /v1/verifications}: the phone in E.164 form; {@code locale} (optional, e.g. {@code
 * de-DE}) picks the SMS language, else the {@code Accept-Language} header, else English.
 */
public record StartVerificationRequest(
    @NotBlank @Size(max = 32) String phone, @Size(max = 35) String locale) {}
