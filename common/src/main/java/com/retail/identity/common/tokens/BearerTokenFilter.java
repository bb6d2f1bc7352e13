package com.retail.identity.common.tokens;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.errors.ProblemException;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates the methods {@code AuthDynamicFeature} puts it on. Unlike Dropwizard's {@code
 * OAuthCredentialAuthFilter} it reads the {@code Authorization} header only, never an {@code
 * access_token} query parameter (URLs land in request logs and proxies), and its 401 says whether
 * the token was missing or not good (ADR 0011).
 */
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter extends AuthFilter<String, Principal> {
  private BearerTokenFilter() {}

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> token =
        BearerAuthenticator.tokenOf(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      throw unauthorized("A bearer access token is required.");
    }
    if (!authenticate(request, token.get(), prefix)) {
      throw unauthorized("The access token is invalid or expired.");
    }
  }

  private ProblemException unauthorized(String detail) {
    return new ProblemException(
        Problem.of("unauthorized", "Unauthorized", 401, detail),
        Map.of(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\""));
  }

  /**
   * Builds the filter; prefix and realm are the ones the {@code WWW-Authenticate} challenge names.
   */
  public static final class Builder
      extends AuthFilterBuilder<String, Principal, BearerTokenFilter> {
    @Override
    protected BearerTokenFilter newInstance() {
      return new BearerTokenFilter();
    }
  }
}
