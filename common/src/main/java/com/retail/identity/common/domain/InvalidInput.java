package com.retail.identity.common.domain;

import java.util.List;

/** The input breaks one or more field rules; every broken one is listed. */
public final class InvalidInput extends DomainException {
  private final transient List<FieldViolation> violations;

  public InvalidInput(List<FieldViolation> violations) {
    super("invalid " + String.join(", ", violations.stream().map(FieldViolation::field).toList()));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an invalid input names at least one field");
    }
    this.violations = List.copyOf(violations);
  }

  public static InvalidInput of(String field, String message) {
    return new InvalidInput(List.of(new FieldViolation(field, message)));
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
