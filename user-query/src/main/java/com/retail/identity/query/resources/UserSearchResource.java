package com.retail.identity.query.resources;

import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.http.ActingCaller;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.RoleRefusal;
import com.retail.identity.query.api.UserSearchResponse;
import com.retail.identity.query.core.ReadModelUnavailable;
import com.retail.identity.query.core.SearchUsers;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.function.IntSupplier;

/**
 * {@code GET /v1/users?q=&country=&verified=&page=&size=}: admin search. {@code q} is a name prefix
 * (as you type), an exact email or an exact phone number; {@code page} is a page number for the
 * first 1,000 hits or the {@code nextPage} token of the previous page.
 */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public final class UserSearchResource {
  private final SearchUsers search;
  private final IntSupplier retryAfterSeconds;

  public UserSearchResource(SearchUsers search, IntSupplier retryAfterSeconds) {
    this.search = search;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  @ApiResponse(
      responseCode = "200",
      description = "A page of matching accounts and the token of the next page.",
      content = @Content(schema = @Schema(implementation = UserSearchResponse.class)))
  @ApiResponse(
      responseCode = "400",
      description = "A search parameter is invalid (named in errors).")
  @ApiResponse(
      responseCode = "403",
      description = "The token is not an admin's or support agent's.")
  @GET
  @RolesAllowed({Principal.ADMIN, Principal.SUPPORT})
  @RoleRefusal("Only support staff may search users.")
  public UserSearchResponse search(
      @QueryParam("q") String q,
      @QueryParam("country") String country,
      @QueryParam("verified") String verified,
      @QueryParam("page") String page,
      @QueryParam("size") String size,
      @Auth Principal caller,
      @Context HttpServletRequest http) {
    SearchUsers.Result result;
    try {
      result = search.search(ActingCaller.of(caller, http), q, country, verified, page, size);
    } catch (ReadModelUnavailable e) {
      throw ProblemException.unavailable(
          "User search is unavailable; profile reads still work. Retry shortly.",
          retryAfterSeconds.getAsInt());
    }
    return new UserSearchResponse(
        result.profiles().stream().map(Views::profile).toList(),
        result.profiles().size(),
        result.hits().total(),
        result.hits().totalExact() ? "eq" : "gte",
        result.nextPage());
  }
}
