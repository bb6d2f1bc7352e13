package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.AdmissionKnobs;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.challenge.Challenge;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.challenge.Difficulty;
import com.retail.identity.common.testing.TurnedKnobs;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registration and login behind admission control, as bots meet it. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AdmissionIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(
          Map.of(
              "admissionControl", "true",
              // The test plays many clients from one machine, through a "load balancer" on
              // loopback.
              "trustedProxies", "127.0.0.1"));
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String someClient() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }

  /** Launch-day switches the operator turns during a test; each is cleared after it. */
  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @Test
  void inLaunchModeARegistrationMustCarryASolvedChallengeWhichWorksOnce() throws Exception {
    Http http = new Http(APP.getLocalPort());
    operator.turn(Difficulty.DIFFICULTY, "2000");
    operator.turn(Difficulty.LEVELS, "0:2000");
    operator.turn(AdmissionKnobs.LAUNCH_MODE, "true");
    String client = someClient();

    // Without a solution: 403 with the challenge to solve
    HttpResponse<String> demanded =
        http.post(
            "/v1/users", registrationJson(uniqueEmail(), PASSWORD), "X-Forwarded-For", client);
    assertThat(demanded.statusCode()).isEqualTo(403);
    JsonNode problem = Http.json(demanded);
    assertThat(problem.get("type").asText()).endsWith("/challenge-required");
    Challenge challenge = JSON.treeToValue(problem.get("challenge"), Challenge.class);

    // With the solution: registered
    String solution = Challenges.solutionHeader(challenge, Challenges.solve(challenge));
    HttpResponse<String> solved =
        http.post(
            "/v1/users",
            registrationJson(uniqueEmail(), PASSWORD),
            "X-Forwarded-For",
            client,
            "X-Challenge-Solution",
            solution);
    assertThat(solved.statusCode()).isEqualTo(201);

    // The same solution again: refused, a new challenge is demanded
    HttpResponse<String> replayed =
        http.post(
            "/v1/users",
            registrationJson(uniqueEmail(), PASSWORD),
            "X-Forwarded-For",
            client,
            "X-Challenge-Solution",
            solution);
    assertThat(replayed.statusCode()).isEqualTo(403);
    assertThat(Http.json(replayed).get("type").asText()).endsWith("/challenge-required");
  }

  @Test
  void oneAddressRegisteringInBulkIsRateLimitedWithRetryAfter() {
    Http http = new Http(APP.getLocalPort());
    String bot = someClient();
    int created = 0;
    HttpResponse<String> last = null;
    for (int i = 0; i < 30; i++) {
      last =
          http.post("/v1/users", registrationJson(uniqueEmail(), PASSWORD), "X-Forwarded-For", bot);
      if (last.statusCode() != 201) {
        break;
      }
      created++;
    }

    assertThat(created).isBetween(1, 20);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.headers().firstValue("Retry-After")).isPresent();
    assertThat(Http.json(last).get("type").asText()).endsWith("/rate-limited");
    // Another customer, from another address, is not affected
    assertThat(
            http.post(
                    "/v1/users",
                    registrationJson(uniqueEmail(), PASSWORD),
                    "X-Forwarded-For",
                    someClient())
                .statusCode())
        .isEqualTo(201);
  }

  @Test
  void aDisposableEmailDomainIsRefusedOnItsField() {
    HttpResponse<String> refused =
        new Http(APP.getLocalPort())
            .post(
                "/v1/users",
                registrationJson("someone@mailinator.com", PASSWORD),
                "X-Forwarded-For",
                someClient());

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Http.json(refused).get("errors").get(0).get("field").asText()).isEqualTo("email");
  }

  @Test
  void anXForwardedForFromAnUntrustedPeerIsIgnored() {
    // Only the loopback proxy is trusted; a forged chain cannot pick its own client address.
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.post("/v1/users", registrationJson(email, PASSWORD), "X-Forwarded-For", someClient());
    HttpResponse<String> login =
        http.post(
            "/v1/sessions",
            "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}",
            "X-Forwarded-For",
            "203.0.113.7, " + someClient());
    assertThat(login.statusCode()).isEqualTo(200);
  }
}
