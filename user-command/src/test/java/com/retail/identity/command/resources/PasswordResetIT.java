package com.retail.identity.command.resources;

import static com.retail.identity.command.Http.bearer;
import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Account recovery over HTTP on the real stores, the email read from the local outbox. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PasswordResetIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  private static final String NEW_PASSWORD = "crimson-Window-58-harbour!";
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

  private final Http http = new Http(APP.getLocalPort());

  private HttpResponse<String> askForAReset(String email) {
    return http.post("/v1/password-resets", "{\"email\":\"" + email + "\"}");
  }

  private HttpResponse<String> confirm(String token, String newPassword) {
    return http.post(
        "/v1/password-resets/confirm",
        "{\"token\":\"" + token + "\",\"newPassword\":\"" + newPassword + "\"}");
  }

  private static String emailedToken(Http http, String email) {
    return http.emailedToken(email, "Reset your Retail password");
  }

  @Test
  void givenAForgottenPassword_whenTheCustomerResetsByEmail_thenTheNewOneLogsInAndSessionsEnd() {
    String email = uniqueEmail();
    String userId = http.register(email);
    JsonNode oldSession = http.logIn(email, PASSWORD);

    HttpResponse<String> asked = askForAReset(email);
    assertThat(asked.statusCode()).isEqualTo(202);
    HttpResponse<String> confirmed = confirm(emailedToken(http, email), NEW_PASSWORD);

    assertThat(confirmed.statusCode()).isEqualTo(204);
    assertThat(http.logIn(email, NEW_PASSWORD).get("userId").asText()).isEqualTo(userId);
    assertThat(
            http.post(
                    "/v1/sessions/refresh",
                    "{\"refreshToken\":\"" + oldSession.get("refreshToken").asText() + "\"}")
                .statusCode())
        .as("the old session's refresh token")
        .isEqualTo(401);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        http.send(
                                "PATCH",
                                "/v1/users/" + userId,
                                "{\"lastName\":\"Lovelace\"}",
                                "Authorization",
                                bearer(oldSession.get("accessToken").asText()))
                            .statusCode())
                    .as("the old session's access token")
                    .isEqualTo(401));
  }

  @Test
  void givenAnUnknownAndAKnownAddress_whenEachAsksForAReset_thenTheAnswersAreTheSame() {
    String known = uniqueEmail();
    http.register(known);

    HttpResponse<String> forKnown = askForAReset(known);
    HttpResponse<String> forUnknown = askForAReset(uniqueEmail());

    assertThat(forUnknown.statusCode()).isEqualTo(forKnown.statusCode()).isEqualTo(202);
    assertThat(forUnknown.body()).isEqualTo(forKnown.body());
    assertThat(forUnknown.headers().firstValue("Content-Type"))
        .isEqualTo(forKnown.headers().firstValue("Content-Type"));
  }

  @Test
  void givenAUsedToken_whenItComesAgain_thenOneProblemNamesTheTokenAndThePasswordStays() {
    String email = uniqueEmail();
    http.register(email);
    askForAReset(email);
    String token = emailedToken(http, email);
    assertThat(confirm(token, NEW_PASSWORD).statusCode()).isEqualTo(204);

    HttpResponse<String> reused = confirm(token, "another-Lantern-77-meadow!");
    HttpResponse<String> forged =
        confirm(token.substring(0, 40) + "AAAAAAAAAAAAAAAAAAAAAAAA", NEW_PASSWORD);

    for (HttpResponse<String> refused : new HttpResponse[] {reused, forged}) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      JsonNode problem = Http.json(refused);
      assertThat(problem.get("type").asText()).endsWith("/invalid-token");
      assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("token");
    }
    assertThat(reused.body()).isEqualTo(forged.body());
    assertThat(http.logIn(email, NEW_PASSWORD).get("accessToken").asText()).isNotBlank();
  }

  @Test
  void givenOneToken_whenTwoConfirmationsRace_thenExactlyOneSetsThePassword() throws Exception {
    String email = uniqueEmail();
    http.register(email);
    askForAReset(email);
    String token = emailedToken(http, email);
    String[] passwords = {"crimson-Window-58-harbour!", "another-Lantern-77-meadow!"};

    List<CompletableFuture<Integer>> racing = new ArrayList<>();
    for (String password : passwords) {
      racing.add(CompletableFuture.supplyAsync(() -> confirm(token, password).statusCode()));
    }
    List<Integer> answers = new ArrayList<>();
    for (CompletableFuture<Integer> answer : racing) {
      answers.add(answer.get(30, TimeUnit.SECONDS));
    }

    assertThat(answers).containsExactlyInAnyOrder(204, 400);
    String winner = passwords[answers.indexOf(204)];
    assertThat(http.logIn(email, winner).get("accessToken").asText()).isNotBlank();
  }

  @Test
  void givenAWeakNewPasswordOrNoEmail_whenSent_thenTheProblemNamesTheField() {
    HttpResponse<String> weak = confirm("whatever", "password1");
    HttpResponse<String> noEmail = http.post("/v1/password-resets", "{}");
    HttpResponse<String> notAnEmail = askForAReset("not-an-email");

    assertThat(weak.statusCode()).isEqualTo(400);
    assertThat(Http.json(weak).get("errors").findValuesAsText("field")).contains("newPassword");
    for (HttpResponse<String> refused : new HttpResponse[] {noEmail, notAnEmail}) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(Http.json(refused).get("errors").findValuesAsText("field")).contains("email");
    }
  }
}
