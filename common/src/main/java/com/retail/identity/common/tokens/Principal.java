package com.retail.identity.common.tokens;

import java.util.Set;
import java.util.UUID;

/**
 * Who called: the subject of a verified access token, the roles it carries and the login session
 * (refresh-token family) it came from, when it came from one.
 */
public record Principal(UUID userId, Set<String> roles, UUID sessionId) {
  public static final String USER = "user";
  public static final String ADMIN = "admin";
  public static final String SERVICE = "service";

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** The caller is this user, or an admin acting on the user's behalf. */
  public boolean mayActOn(UUID subject) {
    return hasRole(ADMIN) || userId.equals(subject);
  }
}
