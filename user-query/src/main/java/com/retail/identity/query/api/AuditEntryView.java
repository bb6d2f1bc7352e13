package com.retail.identity.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One entry of the audit trail, as {@code GET /v1/audit} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntryView(
    String id,
    Instant at,
    String actor,
    String action,
    String subject,
    String requestId,
    String reason,
    String service,
    String detail) {}
