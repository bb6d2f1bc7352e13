package com.retail.identity.common.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.testing.EndpointGuards;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rule every service's resources are held to finds the methods that would answer anyone. */
class EndpointGuardsTest {
  /** A resource that forgot authentication twice, and a locator that forgot it too. */
  @Path("/forgotten")
  public static final class Forgetful {
    @GET
    public String open() {
      return "anyone";
    }

    @POST
    public String optionalCaller(@Auth Optional<Principal> caller) {
      return "anyone, with or without a token";
    }

    @Path("/sub")
    public Guarded locator() {
      return new Guarded();
    }

    /** Not an endpoint: no HTTP method, no path. */
    public String helper() {
      return "";
    }
  }

  /** Every way of being guarded, and an explicitly public method. */
  @Path("/guarded")
  public static final class Guarded {
    @GET
    public String caller(@Auth Principal caller) {
      return caller.getName();
    }

    @POST
    @RolesAllowed(Principal.ADMIN)
    public String admin() {
      return "admin";
    }

    @DELETE
    @PermitAll
    public String anyCaller() {
      return "signed in";
    }

    @GET
    @Path("/keys")
    @PublicEndpoint
    public String keys() {
      return "public";
    }

    /** An OAuth token endpoint: the header carries the client's Basic credentials. */
    @POST
    @Path("/token")
    @PublicEndpoint(clientCredentials = true)
    public String token(@HeaderParam("Authorization") String clientCredentials) {
      return "token";
    }
  }

  @RolesAllowed(Principal.SERVICE)
  @Path("/internal")
  public static final class GuardedByClass {
    @POST
    public String call() {
      return "service";
    }
  }

  @Path("/confused")
  public static final class Confused {
    @GET
    @PublicEndpoint
    @PermitAll
    public String both() {
      return "";
    }

    @POST
    @RolesAllowed("admn")
    public String misspelt() {
      return "";
    }

    @DELETE
    @PermitAll
    public String byHand(@HeaderParam("authorization") String authorization) {
      return "";
    }

    @PUT
    @PublicEndpoint
    public String openByHand(@HeaderParam("Authorization") String authorization) {
      return "";
    }
  }

  @Test
  void givenMethodsWithoutAuthentication_thenEachIsNamed() {
    List<String> violations = EndpointGuards.violations(List.of(Forgetful.class));

    assertThat(violations).hasSize(3);
    assertThat(violations)
        .anySatisfy(v -> assertThat(v).startsWith("Forgetful.open: neither authenticated"));
    assertThat(violations)
        .anySatisfy(
            v -> assertThat(v).startsWith("Forgetful.optionalCaller: neither authenticated"));
    assertThat(violations)
        .anySatisfy(v -> assertThat(v).startsWith("Forgetful.locator: neither authenticated"));
  }

  @Test
  void givenAuthenticatedOrExplicitlyPublicMethods_thenNothingIsReported() {
    assertThat(EndpointGuards.violations(List.of(Guarded.class, GuardedByClass.class))).isEmpty();
  }

  @Test
  void
      givenAMethodBothPublicAndAuthenticatedARoleNoTokenCarriesOrAHandReadToken_thenEachIsReported() {
    assertThat(EndpointGuards.violations(List.of(Confused.class)))
        .containsExactlyInAnyOrder(
            "Confused.both: both authenticated and @PublicEndpoint",
            "Confused.misspelt: @RolesAllowed names \"admn\", which no token carries",
            "Confused.byHand: reads the Authorization header itself; take @Auth Principal",
            "Confused.openByHand: reads the Authorization header itself; take @Auth Principal");
  }
}
