package com.retail.identity.command.resources;

import static com.retail.identity.command.Http.bearer;
import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customer A can neither change, re-password nor erase customer B, and cannot tell from the answer
 * whether B exists: the refusal for B and for an id nobody has are the same (status, type, body).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  /** The parts of an answer a caller could tell apart. */
  record Answer(int status, String contentType, String body) {
    static Answer of(HttpResponse<String> response) {
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    }
  }

  @Test
  void givenTwoCustomers_whenAActsOnB_thenEveryAttemptIsRefusedExactlyAsForAnIdNobodyHas() {
    Http http = new Http(APP.getLocalPort());
    String victimEmail = uniqueEmail();
    String victim = http.register(victimEmail);
    String attackerEmail = uniqueEmail();
    http.register(attackerEmail);
    String token = http.logIn(attackerEmail, PASSWORD).get("accessToken").asText();
    String nobody = UUID.randomUUID().toString();

    for (String[] attempt :
        new String[][] {
          {"PATCH", "/v1/users/%s", "{\"lastName\":\"Taken\"}"},
          {
            "PUT",
            "/v1/users/%s/password",
            "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"another-Long-pass-44?\"}"
          },
          {"DELETE", "/v1/users/%s", null}
        }) {
      Answer onVictim =
          Answer.of(
              http.send(
                  attempt[0],
                  attempt[1].formatted(victim),
                  attempt[2],
                  "Authorization",
                  bearer(token)));
      Answer onNobody =
          Answer.of(
              http.send(
                  attempt[0],
                  attempt[1].formatted(nobody),
                  attempt[2],
                  "Authorization",
                  bearer(token)));

      assertThat(onVictim.status()).as(attempt[0]).isEqualTo(403);
      assertThat(onVictim.contentType()).isEqualTo("application/problem+json");
      assertThat(onVictim)
          .as("%s on an existing other customer and on nobody", attempt[0])
          .isEqualTo(onNobody);
    }

    // And B is untouched: same password, same version (a change at version 1 still applies).
    String victimToken = http.logIn(victimEmail, PASSWORD).get("accessToken").asText();
    HttpResponse<String> own =
        http.send(
            "PATCH",
            "/v1/users/" + victim,
            "{\"lastName\":\"Own\"}",
            "Authorization",
            bearer(victimToken),
            "If-Match",
            "\"1\"");
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
  }

  @Test
  void givenNoOrABrokenToken_thenNothingAboutAnyoneIsRevealed() {
    Http http = new Http(APP.getLocalPort());
    String victim = http.register(uniqueEmail());
    String nobody = UUID.randomUUID().toString();

    for (String authorization : new String[] {null, "Bearer not-a-token"}) {
      String[] headers =
          authorization == null ? new String[0] : new String[] {"Authorization", authorization};
      Answer onVictim = Answer.of(http.send("DELETE", "/v1/users/" + victim, null, headers));
      Answer onNobody = Answer.of(http.send("DELETE", "/v1/users/" + nobody, null, headers));

      assertThat(onVictim.status()).isEqualTo(401);
      assertThat(onVictim).isEqualTo(onNobody);
    }
  }
}
