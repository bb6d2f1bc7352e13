package com.retail.identity.query.core;

import com.retail.identity.common.audit.Acting;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.audit.AuditTrail;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Admins read the audit trail: what was done to an account ({@code subject}), what one of them did
 * ({@code actor}), or everything in a window of at most a month. Reading it is itself audited.
 */
public final class ReadAuditTrail {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  static final Duration DEFAULT_SPAN = Duration.ofDays(30);
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9:._-]{1,200}");

  /** The parameters as the caller gave them (any may be null). */
  public record Command(
      String subject, String actor, String from, String to, String before, String limit) {}

  /** A page of entries, newest first; {@code next} pages on ({@code before}), null at the end. */
  public record Page(List<AuditEntry> entries, String next) {}

  private final AuditTrail trail;
  private final Auditor auditor;
  private final Clock clock;

  public ReadAuditTrail(AuditTrail trail, Auditor auditor, Clock clock) {
    this.trail = trail;
    this.auditor = auditor;
    this.clock = clock;
  }

  /**
   * @throws InvalidInput naming every bad parameter
   */
  public Page read(Acting acting, Command command) {
    AuditQuery query = parse(command);
    auditor.record(acting, AuditAction.READ_AUDIT, query.subject(), described(query));
    List<AuditEntry> entries = trail.find(query);
    String next = entries.size() == query.limit() ? entries.get(entries.size() - 1).id() : null;
    return new Page(entries, next);
  }

  private AuditQuery parse(Command command) {
    List<FieldViolation> violations = new ArrayList<>();
    String subject = key(command.subject(), "subject", violations);
    String actor = key(command.actor(), "actor", violations);
    Instant to = instant(command.to(), "to", violations);
    Instant from = instant(command.from(), "from", violations);
    if (to == null) {
      to = clock.instant();
    }
    if (from == null) {
      from = to.minus(DEFAULT_SPAN);
    }
    long maxDays =
        subject == null && actor == null
            ? AuditTrail.MAX_SPAN_WITHOUT_KEY_DAYS
            : AuditTrail.MAX_SPAN_DAYS;
    if (!from.isBefore(to)) {
      violations.add(new FieldViolation("from", "must be before to"));
    } else if (Duration.between(from, to).compareTo(Duration.ofDays(maxDays)) > 0) {
      violations.add(
          new FieldViolation(
              "from",
              "must be at most "
                  + maxDays
                  + " days before to"
                  + (subject == null && actor == null ? " without a subject or actor" : "")));
    }
    String before = command.before();
    if (before != null && !isTimeId(before)) {
      violations.add(new FieldViolation("before", "must be the id of an audit entry"));
    }
    int limit = limit(command.limit(), violations);
    if (!violations.isEmpty()) {
      throw new InvalidInput(violations);
    }
    return new AuditQuery(subject, actor, from, to, before, limit);
  }

  private static String key(String value, String field, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!KEY.matcher(value).matches()) {
      violations.add(new FieldViolation(field, "must be a user id, knob:<name> or cli:<login>"));
      return null;
    }
    return value;
  }

  private static Instant instant(String value, String field, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      violations.add(
          new FieldViolation(field, "must be an ISO-8601 instant, e.g. 2026-12-06T10:00:00Z"));
      return null;
    }
  }

  private static boolean isTimeId(String value) {
    try {
      return UUID.fromString(value).version() == 1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int limit(String value, List<FieldViolation> violations) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    violations.add(new FieldViolation("limit", "must be a number from 1 to " + MAX_LIMIT));
    return DEFAULT_LIMIT;
  }

  private static String described(AuditQuery query) {
    return (query.actor() == null ? "" : "actor=" + query.actor() + " ")
        + "from="
        + query.from()
        + " to="
        + query.to();
  }
}
