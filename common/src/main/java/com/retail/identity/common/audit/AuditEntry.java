package com.retail.identity.common.audit;

import java.time.Instant;

/**
 * One audited act: who ({@code actor}) did what ({@code action}) to whom ({@code subject}: a user
 * id, {@code knob:<name>}, or none for a search), when, in which request, why, on which service.
 * {@code detail} says what the act touched in words that hold no secret and no personal data (which
 * search terms were used, not their values). {@code id} is given by the trail when it stores the
 * entry (time-ordered, unique); it pages through a long answer.
 */
public record AuditEntry(
    String id,
    Instant at,
    String actor,
    AuditAction action,
    String subject,
    String requestId,
    String reason,
    String service,
    String detail) {}
