package com.retail.identity.command.resources;

import com.retail.identity.command.core.ReadUserInfo;
import com.retail.identity.common.tokens.Principal;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenID Connect userinfo endpoint: the claims of the scopes the customer granted the app whose
 * access token calls it. A token of the JSON login (no {@code openid} scope) is refused with {@code
 * insufficient_scope} (RFC 6750 §3.1).
 */
@Path("/oauth2/userinfo")
@Hidden
@Produces(MediaType.APPLICATION_JSON)
public final class UserInfoResource {
  private final ReadUserInfo userInfo;

  public UserInfoResource(ReadUserInfo userInfo) {
    this.userInfo = userInfo;
  }

  @GET
  @PermitAll
  public Response read(@Auth Principal caller) {
    if (!caller.scopes().contains("openid")) {
      return bearerError(403, "insufficient_scope", "the token was not issued with scope openid");
    }
    Optional<Map<String, Object>> claims = userInfo.claimsOf(caller.userId(), caller.scopes());
    if (claims.isEmpty()) {
      return bearerError(401, "invalid_token", "the account no longer exists");
    }
    return Response.ok(claims.get()).header("Cache-Control", "no-store").build();
  }

  @POST
  @PermitAll
  public Response readByPost(@Auth Principal caller) {
    return read(caller);
  }

  private static Response bearerError(int status, String error, String description) {
    return Response.status(status)
        .header(
            "WWW-Authenticate",
            "Bearer error=\"" + error + "\", error_description=\"" + description + "\"")
        .header("Cache-Control", "no-store")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", error, "error_description", description))
        .build();
  }
}
