package com.retail.identity.common.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWKSet;
import com.retail.identity.common.errors.JsonProblemMapper;
import com.retail.identity.common.errors.ProblemExceptionMapper;
import com.retail.identity.common.errors.WebApplicationProblemMapper;
import com.retail.identity.common.testing.MemoryEndedSessions;
import io.dropwizard.auth.Auth;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What BearerAuth answers on the wire: the same 401 and 403 problems the resources answered
 * themselves.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BearerAuthTest {
  private static final SigningKeys KEYS = SigningKeys.of(new JWKSet(SigningKeys.generate()));
  private static final TokenSettings SETTINGS =
      new ObjectMapper()
          .convertValue(
              Map.of("issuer", "https://identity.test", "audience", "apps"), TokenSettings.class);
  private static final AccessTokens TOKENS = new AccessTokens(KEYS, SETTINGS, Clock.systemUTC());
  private static final MemoryEndedSessions ENDED = new MemoryEndedSessions(Clock.systemUTC());
  private static final EndedSessionsView ENDED_VIEW =
      new EndedSessionsView(
          ENDED, Duration.ofMinutes(16), Duration.ofSeconds(1), Clock.systemUTC());
  private static final String PROBLEM =
      "{\"type\":\"https://identity.retail.example/problems/%s\",\"title\":\"%s\","
          + "\"status\":%d,\"detail\":\"%s\"}";

  static final ResourceExtension RESOURCES =
      ResourceExtension.builder()
          .setRegisterDefaultExceptionMappers(false)
          .addProvider(new ProblemExceptionMapper())
          .addProvider(new WebApplicationProblemMapper())
          .addProvider(new JsonProblemMapper())
          .addProvider(new BearerAuth(new TokenVerifier(KEYS::publicSet, SETTINGS), ENDED_VIEW))
          .addResource(new Probe())
          .build();

  @Path("/probe")
  @Produces(MediaType.TEXT_PLAIN)
  public static final class Probe {
    @GET
    @Path("/me")
    @PermitAll
    public String me(@Auth Principal caller) {
      return caller.userId() + " " + caller.sessionId();
    }

    @GET
    @Path("/flags")
    @RolesAllowed(Principal.ADMIN)
    public String flags() {
      return "flags";
    }

    @GET
    @Path("/search")
    @RolesAllowed(Principal.ADMIN)
    @RoleRefusal("Only support staff may search users.")
    public String search() {
      return "hits";
    }

    @POST
    @Path("/names")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public String rename(@NotNull @Valid Name name, @Auth Principal caller) {
      return name.lastName();
    }

    @GET
    @Path("/eligibility")
    @RolesAllowed({Principal.SERVICE, Principal.ADMIN})
    public String eligibility() {
      return "eligible";
    }
  }

  public record Name(String lastName) {}

  private static Response get(String path, String authorization) {
    var request = RESOURCES.target(path).request();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.get();
  }

  private static String problem(String slug, String title, int status, String detail) {
    return PROBLEM.formatted(slug, title, status, detail);
  }

  @Test
  void givenNoBearerToken_thenA401ProblemWithTheBearerChallenge() {
    for (String authorization : new String[] {null, "Basic dXNlcjpwYXNz", "Bearer"}) {
      Response response = get("/probe/me", authorization);

      assertThat(response.getStatus()).as(authorization).isEqualTo(401);
      assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
      assertThat(response.getHeaderString("WWW-Authenticate"))
          .isEqualTo("Bearer realm=\"identity\"");
      assertThat(response.readEntity(String.class))
          .isEqualTo(
              problem("unauthorized", "Unauthorized", 401, "A bearer access token is required."));
    }
  }

  @Test
  void givenAValidTokenOfASessionThatHasEnded_thenA401AsForAnyInvalidToken() {
    UUID user = UUID.randomUUID();
    UUID ended = UUID.randomUUID();
    UUID going = UUID.randomUUID();
    String endedToken = TOKENS.issue(user, Set.of(Principal.USER), ended);
    String goingToken = TOKENS.issue(user, Set.of(Principal.USER), going);
    assertThat(get("/probe/me", "Bearer " + endedToken).getStatus()).isEqualTo(200);

    ENDED.end(Set.of(ended));
    ENDED_VIEW.catchUp();

    Response response = get("/probe/me", "Bearer " + endedToken);
    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.readEntity(String.class))
        .isEqualTo(
            problem(
                "unauthorized", "Unauthorized", 401, "The access token is invalid or expired."));
    assertThat(get("/probe/me", "Bearer " + goingToken).getStatus()).isEqualTo(200);
  }

  @Test
  void givenATokenWeDidNotIssue_thenA401SayingSo() {
    Response response = get("/probe/me", "Bearer not-a-token");

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeaderString("WWW-Authenticate")).isEqualTo("Bearer realm=\"identity\"");
    assertThat(response.readEntity(String.class))
        .isEqualTo(
            problem(
                "unauthorized", "Unauthorized", 401, "The access token is invalid or expired."));
  }

  @Test
  void givenAGoodTokenInTheQueryStringOnly_thenItIsNotAccepted() {
    String token = TOKENS.issue(UUID.randomUUID(), Set.of(Principal.USER), UUID.randomUUID());

    Response response =
        RESOURCES.target("/probe/me").queryParam("access_token", token).request().get();

    assertThat(response.getStatus()).isEqualTo(401);
  }

  @Test
  void givenAUserToken_thenTheCallerIsInjectedWhateverTheCaseOfTheScheme() {
    UUID user = UUID.randomUUID();
    UUID session = UUID.randomUUID();
    String token = TOKENS.issue(user, Set.of(Principal.USER), session);

    for (String scheme : new String[] {"Bearer ", "bearer ", "BEARER "}) {
      Response response = get("/probe/me", scheme + token);

      assertThat(response.getStatus()).as(scheme).isEqualTo(200);
      assertThat(response.readEntity(String.class)).isEqualTo(user + " " + session);
    }
  }

  @Test
  void givenATokenWithoutTheRole_thenA403Problem() {
    String customer = "Bearer " + TOKENS.issue(UUID.randomUUID(), Set.of(Principal.USER));

    Response flags = get("/probe/flags", customer);
    Response search = get("/probe/search", customer);
    Response eligibility = get("/probe/eligibility", customer);

    assertThat(flags.getStatus()).isEqualTo(403);
    assertThat(flags.getMediaType().toString()).isEqualTo("application/problem+json");
    assertThat(flags.readEntity(String.class))
        .isEqualTo(problem("forbidden", "Forbidden", 403, BearerAuth.FORBIDDEN_DETAIL));
    assertThat(search.readEntity(String.class))
        .isEqualTo(problem("forbidden", "Forbidden", 403, "Only support staff may search users."));
    assertThat(eligibility.getStatus()).isEqualTo(403);
  }

  @Test
  void givenATokenWithOneOfTheRoles_thenTheMethodAnswers() {
    String admin =
        "Bearer " + TOKENS.issue(UUID.randomUUID(), Set.of(Principal.USER, Principal.ADMIN));
    String service = "Bearer " + TOKENS.issue(UUID.randomUUID(), Set.of(Principal.SERVICE));

    assertThat(get("/probe/flags", admin).readEntity(String.class)).isEqualTo("flags");
    assertThat(get("/probe/eligibility", admin).getStatus()).isEqualTo(200);
    assertThat(get("/probe/eligibility", service).getStatus()).isEqualTo(200);
    assertThat(get("/probe/flags", service).getStatus()).isEqualTo(403);
  }

  @Test
  void givenNoTokenAndAMalformedBody_thenA401BeforeTheBodyIsRead() {
    String malformed = "{\"lastName\": ";

    Response anonymous = RESOURCES.target("/probe/names").request().post(Entity.json(malformed));
    Response customer =
        RESOURCES
            .target("/probe/names")
            .request()
            .header(
                "Authorization",
                "Bearer " + TOKENS.issue(UUID.randomUUID(), Set.of(Principal.USER)))
            .post(Entity.json(malformed));

    assertThat(anonymous.getStatus()).isEqualTo(401);
    assertThat(customer.getStatus()).isEqualTo(400);
  }

  @Test
  void givenNoTokenOnARoleMethod_thenA401NotA403() {
    assertThat(get("/probe/flags", null).getStatus()).isEqualTo(401);
  }
}
