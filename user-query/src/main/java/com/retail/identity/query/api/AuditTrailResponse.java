package com.retail.identity.query.api;

import java.util.List;

/** A page of the audit trail, newest first; {@code next} is the {@code before} of the next page. */
public record AuditTrailResponse(List<AuditEntryView> entries, String next) {}
