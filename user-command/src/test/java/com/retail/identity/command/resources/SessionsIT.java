package com.retail.identity.command.resources;

import static com.retail.identity.command.Http.bearer;
import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class SessionsIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  private HttpResponse<String> refresh(Http http, String token) {
    return http.post("/v1/sessions/refresh", "{\"refreshToken\":\"" + token + "\"}");
  }

  @Test
  void aRefreshTokenRotatesOnEveryUse() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.register(email);
    JsonNode session = http.logIn(email, PASSWORD);

    HttpResponse<String> refreshed = refresh(http, session.get("refreshToken").asText());

    assertThat(refreshed.statusCode()).isEqualTo(200);
    JsonNode next = Http.json(refreshed);
    assertThat(next.get("refreshToken").asText())
        .isNotEqualTo(session.get("refreshToken").asText());
    assertThat(next.get("accessToken").asText()).isNotBlank();
    assertThat(next.get("userId")).isEqualTo(session.get("userId"));
  }

  @Test
  void reusingARotatedTokenRevokesTheWholeFamily() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.register(email);
    String first = http.logIn(email, PASSWORD).get("refreshToken").asText();
    String second = Http.json(refresh(http, first)).get("refreshToken").asText();

    // When the first (already rotated) token is presented again, e.g. by a thief
    HttpResponse<String> replay = refresh(http, first);

    // Then it is refused, and so is the legitimate newer token of the same family
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(refresh(http, second).statusCode()).isEqualTo(401);
  }

  @Test
  void logoutRevokesTheSessionsRefreshToken() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    http.register(email);
    JsonNode session = http.logIn(email, PASSWORD);

    HttpResponse<String> logout =
        http.send(
            "DELETE",
            "/v1/sessions/current",
            null,
            "Authorization",
            bearer(session.get("accessToken").asText()));

    assertThat(logout.statusCode()).isEqualTo(204);
    assertThat(refresh(http, session.get("refreshToken").asText()).statusCode()).isEqualTo(401);
  }

  @Test
  void aPasswordChangeEndsTheOtherSessionsButNotThisOne() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    JsonNode phone = http.logIn(email, PASSWORD);
    JsonNode laptop = http.logIn(email, PASSWORD);
    String newPassword = PASSWORD + "-renewed";

    HttpResponse<String> change =
        http.send(
            "PUT",
            "/v1/users/" + userId + "/password",
            "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"" + newPassword + "\"}",
            "Authorization",
            bearer(laptop.get("accessToken").asText()));

    assertThat(change.statusCode()).isEqualTo(204);
    assertThat(refresh(http, phone.get("refreshToken").asText()).statusCode()).isEqualTo(401);
    assertThat(refresh(http, laptop.get("refreshToken").asText()).statusCode()).isEqualTo(200);
    assertThat(
            http.post(
                    "/v1/sessions",
                    "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
                .statusCode())
        .isEqualTo(401);
    assertThat(http.logIn(email, newPassword).get("userId").asText()).isEqualTo(userId);
  }

  @Test
  void aWeakNewPasswordIsRefusedWithTheReason() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    JsonNode session = http.logIn(email, PASSWORD);

    HttpResponse<String> change =
        http.send(
            "PUT",
            "/v1/users/" + userId + "/password",
            "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"password123\"}",
            "Authorization",
            bearer(session.get("accessToken").asText()));

    assertThat(change.statusCode()).isEqualTo(400);
    assertThat(Http.json(change).get("errors").get(0).get("field").asText())
        .isEqualTo("newPassword");
  }

  @Test
  void anUnknownRefreshTokenIs401() {
    assertThat(refresh(new Http(APP.getLocalPort()), "not-a-token").statusCode()).isEqualTo(401);
  }
}
