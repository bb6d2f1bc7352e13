package com.retail.identity.command.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Disposable (throw-away) email domains. The reference list lives in the Redis SET
 * {@code <keyPrefix>ref:disposable-email-domains} (one lower-case ASCII domain per member, loaded by the
 * read side's reference-data loader from the {@code disposable-email-domains} list). While that set
 * is empty or Redis is down, this small built-in list of the most common services applies.
 */
public final class DisposableDomains {
  /** The Redis SET key, after the key prefix. */
  public static final String KEY = "ref:disposable-email-domains";

  static final Set<String> BUILT_IN = Set.of(
      "mailinator.com", "guerrillamail.com", "guerrillamail.net", "guerrillamailblock.com", "sharklasers.com",
      "grr.la", "10minutemail.com", "10minutemail.net", "temp-mail.org", "tempmail.com", "tempmailo.com",
      "yopmail.com", "yopmail.net", "trashmail.com", "trashmail.de", "dispostable.com", "getnada.com",
      "maildrop.cc", "throwawaymail.com", "fakeinbox.com", "mailnesia.com", "mintemail.com", "mohmal.com",
      "emailondeck.com", "spamgourmet.com", "tempr.email", "discard.email", "mailcatch.com", "getairmail.com",
      "mytemp.email", "temp-mail.io", "burnermail.io", "inboxkitten.com", "moakt.com", "spam4.me");

  private DisposableDomains() {}

  /** The domain and its parent domains down to two labels: {@code a.b.example.com} -> itself, {@code b.example.com}, {@code example.com}. */
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
