package com.retail.identity.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A page of the audit trail, newest first; {@code next} is the {@code before} of the next page
 * (absent on the last page, as is any field an entry does not have).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditTrailResponse(List<AuditEntryView> entries, String next) {}
