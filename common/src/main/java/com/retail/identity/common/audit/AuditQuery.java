package com.retail.identity.common.audit;

import java.time.Instant;

/**
 * Entries about {@code subject} and/or by {@code actor} (null: any), at {@code from} or later and
 * before {@code to}, newest first, older than the entry {@code before} when paging (null: from the
 * newest), at most {@code limit}.
 */
public record AuditQuery(
    String subject, String actor, Instant from, Instant to, String before, int limit) {}
