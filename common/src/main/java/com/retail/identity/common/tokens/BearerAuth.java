package com.retail.identity.common.tokens;

import com.retail.identity.common.api.Problem;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.errors.ProblemResponses;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature;

/**
 * Bearer-token authentication and roles for a service's resources, registered once with {@code
 * environment.jersey().register(new BearerAuth(verifier, endedSessions))}. Methods that take
 * {@code @Auth Principal} or carry {@code @RolesAllowed}/{@code @PermitAll} get the token checked
 * (401 problem with {@code WWW-Authenticate: Bearer}); {@code @RolesAllowed} is checked against the
 * token's roles (403 problem). Which user a caller may act on stays with the resource.
 */
public final class BearerAuth implements Feature {
  public static final String FORBIDDEN_DETAIL = "This token may not act on that user.";
  private final BearerAuthenticator authenticator;

  public BearerAuth(TokenVerifier verifier, EndedSessionsView endedSessions) {
    this.authenticator = new BearerAuthenticator(verifier, endedSessions);
  }

  /**
   * For a service that checks tokens another service issues: the issuer's public keys are read from
   * its JWKS through {@code issuer} and kept for five minutes (a rotated key reaches every reader
   * within that time).
   */
  public static BearerAuth withKeysOf(
      ServiceClient issuer, TokenSettings settings, EndedSessionsView endedSessions) {
    RemoteJwks keys = new RemoteJwks(issuer, Duration.ofMinutes(5), Clock.systemUTC());
    return new BearerAuth(new TokenVerifier(keys, settings), endedSessions);
  }

  @Override
  public boolean configure(FeatureContext context) {
    context.register(
        new AuthDynamicFeature(
            new BearerTokenFilter.Builder()
                .setAuthenticator(authenticator)
                .setAuthorizer((caller, role, request) -> caller.hasRole(role))
                .setPrefix("Bearer")
                .setRealm("identity")
                .buildAuthFilter()));
    context.register(RolesAllowedDynamicFeature.class);
    context.register(new AuthValueFactoryProvider.Binder<>(Principal.class));
    context.register(new RoleRefusalMapper());
    return true;
  }

  /**
   * 403 when the caller may not act on this user; 404 would leak less but apps need the distinction
   * for their own id.
   */
  public static ProblemException forbidden() {
    return new ProblemException(Problem.of("forbidden", "Forbidden", 403, FORBIDDEN_DETAIL));
  }

  /**
   * The 403 of {@code @RolesAllowed} (Jersey throws a bare {@link ForbiddenException}) as our
   * problem.
   */
  public static final class RoleRefusalMapper implements ExceptionMapper<ForbiddenException> {
    @Context private ResourceInfo resource;

    @Override
    public Response toResponse(ForbiddenException exception) {
      return ProblemResponses.of(Problem.of("forbidden", "Forbidden", 403, detail()));
    }

    private String detail() {
      Method method = resource == null ? null : resource.getResourceMethod();
      RoleRefusal refusal = method == null ? null : method.getAnnotation(RoleRefusal.class);
      if (refusal == null && method != null) {
        refusal = method.getDeclaringClass().getAnnotation(RoleRefusal.class);
      }
      return refusal == null ? FORBIDDEN_DETAIL : refusal.value();
    }
  }
}
