package com.retail.identity.command.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The userinfo answer (OpenID Connect Core §5.3): the account's id always, and only the claims of
 * the scopes the customer granted the app: {@code email}, {@code profile} (names, locale), {@code
 * phone} (whether a mobile phone is verified, and which).
 */
public final class ReadUserInfo {
  private final AccountContacts contacts;

  public ReadUserInfo(AccountContacts contacts) {
    this.contacts = contacts;
  }

  /** Empty when the account is gone (erased since the token was issued). */
  public Optional<Map<String, Object>> claimsOf(UUID userId, Set<String> scopes) {
    return contacts.of(userId).map(contact -> claimsOf(userId, contact, scopes));
  }

  private static Map<String, Object> claimsOf(
      UUID userId, AccountContacts.Contact contact, Set<String> scopes) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", userId.toString());
    if (scopes.contains("email")) {
      claims.put("email", contact.email());
      claims.put("email_verified", contact.emailVerified());
    }
    if (scopes.contains("profile")) {
      putIfPresent(claims, "given_name", contact.firstName());
      putIfPresent(claims, "family_name", contact.lastName());
      putIfPresent(claims, "locale", contact.locale());
    }
    if (scopes.contains("phone")) {
      putIfPresent(claims, "phone_number", contact.verifiedPhone());
      claims.put("phone_number_verified", contact.verifiedPhone() != null);
    }
    return claims;
  }

  private static void putIfPresent(Map<String, Object> claims, String name, Object value) {
    if (value != null) {
      claims.put(name, value);
    }
  }
}
