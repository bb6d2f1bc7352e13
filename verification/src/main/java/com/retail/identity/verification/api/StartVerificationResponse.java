package com.retail.identity.verification.api;

import java.time.Instant;

/** 202: the code is on its way; it is valid until {@code expiresAt}. */
public record StartVerificationResponse(String verificationId, Instant expiresAt) {}
