package com.retail.identity.common.tokens;

import java.util.Set;
import java.util.UUID;

/**
 * Who called: the subject of a verified access token, the roles it carries, the login session
 * (refresh-token family) it came from, when it came from one, and the OpenID Connect scopes the
 * customer granted the app (empty for a session of the JSON login). Resources receive it with
 * {@code @Auth}; {@code @RolesAllowed} names the roles below.
 */
public record Principal(UUID userId, Set<String> roles, UUID sessionId, Set<String> scopes)
    implements java.security.Principal {
  public Principal(UUID userId, Set<String> roles, UUID sessionId) {
    this(userId, roles, sessionId, Set.of());
  }

  public static final String USER = "user";
  public static final String ADMIN = "admin";
  public static final String SERVICE = "service";

  /** Support staff: read and search customers, nothing more. */
  public static final String SUPPORT = "support";

  /** Every role a token can carry; {@code @RolesAllowed} names only these. */
  public static final Set<String> ROLES = Set.of(USER, ADMIN, SERVICE, SUPPORT);

  /** The roles staff are granted and revoked (by the operators' command line), not by sign-up. */
  public static final Set<String> STAFF_ROLES = Set.of(ADMIN, SUPPORT);

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /** The caller is this user, or staff (admin or support) who may read any account. */
  public boolean mayRead(UUID subject) {
    return hasRole(ADMIN) || hasRole(SUPPORT) || userId.equals(subject);
  }

  /** The token's subject: a user id, or the id a service client's tokens carry. */
  @Override
  public String getName() {
    return userId.toString();
  }
}
