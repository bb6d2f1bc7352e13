package com.retail.identity.verification.api;

import java.time.Instant;

/** One SMS of the local outbox. */
public record OutboxMessage(String phone, String text, Instant sentAt) {}
