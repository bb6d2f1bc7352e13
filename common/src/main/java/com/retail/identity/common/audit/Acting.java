package com.retail.identity.common.audit;

import com.retail.identity.common.domain.InvalidInput;
import java.util.regex.Pattern;

/**
 * Who acts on someone else's behalf, in which request and why: the part of an audit entry the edge
 * knows. {@code actor} is an admin's user id, {@code operator} for the admin port, or {@code
 * cli:<login>} for the operators' command line. The reason is the actor's own words (a ticket
 * number, say), at most {@value #MAX_REASON} printable characters; it may be absent.
 */
public record Acting(String actor, String requestId, String reason) {
  public static final int MAX_REASON = 200;

  /** The header an admin's request gives its reason in. */
  public static final String REASON_HEADER = "Audit-Reason";

  private static final Pattern PRINTABLE = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{P}\\p{S} ]*");

  public Acting {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("an audited act needs an actor");
    }
    reason = reason == null || reason.isBlank() ? null : reason.strip();
  }

  /**
   * The reason as a caller gave it, checked: too long or with control characters is refused naming
   * {@code field}.
   */
  public static String checkedReason(String reason, String field) {
    if (reason == null) {
      return null;
    }
    if (reason.length() > MAX_REASON || !PRINTABLE.matcher(reason).matches()) {
      throw InvalidInput.of(field, "must be at most " + MAX_REASON + " printable characters");
    }
    return reason;
  }
}
