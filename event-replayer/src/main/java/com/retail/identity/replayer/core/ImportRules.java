package com.retail.identity.replayer.core;

import com.retail.identity.command.core.PasswordHashes;
import com.retail.identity.command.core.RegistrationRules;
import com.retail.identity.common.domain.FieldViolation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/** The registration rules, minus password strength (imported hashes are legacy), plus the import fields. */
public final class ImportRules {
  private final RegistrationRules rules = new RegistrationRules();

  /** Why the row cannot be imported, or null when it can. */
  public String rejectionOf(ImportRow row) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.email(row.email(), errors);
    rules.name("firstName", row.firstName(), true, errors);
    rules.name("lastName", row.lastName(), true, errors);
    rules.country(row.country(), true, errors);
    rules.phone(emptyToNull(row.phone()), errors);
    rules.locale(emptyToNull(row.locale()), errors);
    if (!PasswordHashes.isSupported(row.passwordHash())) {
      errors.add(new FieldViolation("passwordHash", "must be a bcrypt, PBKDF2-SHA256 or Argon2id hash"));
    }
    if (row.createdAt() != null && !row.createdAt().isBlank()) {
      try {
        Instant.parse(row.createdAt());
      } catch (DateTimeParseException e) {
        errors.add(new FieldViolation("createdAt", "must be an ISO-8601 instant, e.g. 2019-04-01T10:15:30Z"));
      }
    }
    if (Boolean.TRUE.equals(row.phoneVerified()) && emptyToNull(row.phone()) == null) {
      errors.add(new FieldViolation("phoneVerified", "needs a phone"));
    }
    return errors.isEmpty() ? null
        : errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
  }

  static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
