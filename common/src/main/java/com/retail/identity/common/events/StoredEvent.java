package com.retail.identity.common.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as the log holds it: the envelope every event carries, and its JSON payload at the
 * schema version it was written with.
 */
public record StoredEvent(
    UUID userId,
    long seq,
    UUID eventId,
    String type,
    int schemaVersion,
    Instant occurredAt,
    String correlationId,
    String payload) {}
