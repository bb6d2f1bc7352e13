package com.retail.identity.command.api;

import java.time.Instant;

/** One email of the local outbox. */
public record EmailOutboxMessage(String to, String subject, String body, Instant sentAt) {}
