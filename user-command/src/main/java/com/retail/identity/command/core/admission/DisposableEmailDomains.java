package com.retail.identity.command.core.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Refuses registrations with disposable (throw-away) email domains. The reference list is loaded by
 * the read side's reference-data loader from the {@code disposable-email-domains} list; while it is
 * empty or cannot be read, this small built-in list of the most common services applies. Logins are
 * never refused (accounts may predate the list).
 */
public final class DisposableEmailDomains {
  /** The reason of the refusal, answered as a validation error on {@code email}. */
  public static final String REASON = "disposable-email";

  static final Set<String> BUILT_IN =
      Set.of(
          "mailinator.com",
          "guerrillamail.com",
          "guerrillamail.net",
          "guerrillamailblock.com",
          "sharklasers.com",
          "grr.la",
          "10minutemail.com",
          "10minutemail.net",
          "temp-mail.org",
          "tempmail.com",
          "tempmailo.com",
          "yopmail.com",
          "yopmail.net",
          "trashmail.com",
          "trashmail.de",
          "dispostable.com",
          "getnada.com",
          "maildrop.cc",
          "throwawaymail.com",
          "fakeinbox.com",
          "mailnesia.com",
          "mintemail.com",
          "mohmal.com",
          "emailondeck.com",
          "spamgourmet.com",
          "tempr.email",
          "discard.email",
          "mailcatch.com",
          "getairmail.com",
          "mytemp.email",
          "temp-mail.io",
          "burnermail.io",
          "inboxkitten.com",
          "moakt.com",
          "spam4.me");

  /** The domains to look up for this request: none for a login. */
  public List<String> candidatesFor(AdmissionRequest request) {
    return request.action() == Action.REGISTER ? candidates(request.emailDomain()) : List.of();
  }

  /** Whether to refuse, given what the reference list said about {@code candidates}. */
  public boolean refuses(List<String> candidates, DisposableListing listing) {
    return switch (listing) {
      case LISTED -> true;
      case NOT_LISTED -> false;
      case NO_LIST -> candidates.stream().anyMatch(BUILT_IN::contains);
    };
  }

  /**
   * The domain and its parent domains down to two labels: {@code a.b.example.com} -> itself, {@code
   * b.example.com}, {@code example.com}.
   */
  static List<String> candidates(String domain) {
    List<String> candidates = new ArrayList<>();
    if (domain == null) {
      return candidates;
    }
    String d = domain;
    while (d.indexOf('.') > 0 && candidates.size() < 5) {
      candidates.add(d);
      d = d.substring(d.indexOf('.') + 1);
    }
    return candidates;
  }

  static boolean builtIn(String domain) {
    return candidates(domain).stream().anyMatch(BUILT_IN::contains);
  }
}
