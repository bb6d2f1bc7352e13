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

/** Email verification over HTTP on the real stores, the email read from the local outbox. */
@ExtendWith(DropwizardExtensionsSupport.class)
class EmailVerificationIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  static final String SUBJECT = "Confirm your email address";

  private final Http http = new Http(APP.getLocalPort());

  private HttpResponse<String> confirm(String token) {
    return http.post("/v1/email-verifications/confirm", "{\"token\":\"" + token + "\"}");
  }

  private HttpResponse<String> resend(String accessToken) {
    return http.send("POST", "/v1/email-verifications", null, "Authorization", bearer(accessToken));
  }

  @Test
  void givenANewCustomer_whenTheyOpenTheLinkOfTheRegistrationEmail_thenTheAddressIsVerifiedOnce() {
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = http.emailedToken(email, SUBJECT);

    HttpResponse<String> verified = confirm(token);
    HttpResponse<String> again = confirm(token);

    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(Http.json(verified).get("userId").asText()).isEqualTo(userId);
    assertThat(Http.json(verified).get("version").asLong()).isEqualTo(2);
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Http.json(again).get("errors").get(0).get("field").asText()).isEqualTo("token");
  }

  @Test
  void givenALostEmail_whenTheSignedInCustomerAsksAgain_thenTheNewLinkWorksAndThenNoMoreAreSent() {
    String email = uniqueEmail();
    http.register(email);
    String first = http.emailedToken(email, SUBJECT);
    JsonNode session = http.logIn(email, PASSWORD);
    String accessToken = session.get("accessToken").asText();

    HttpResponse<String> asked = resend(accessToken);
    String second = http.emailedToken(email, SUBJECT);

    assertThat(asked.statusCode()).isEqualTo(202);
    assertThat(second).isNotEqualTo(first);
    assertThat(confirm(first).statusCode()).as("the replaced link").isEqualTo(400);
    assertThat(confirm(second).statusCode()).isEqualTo(200);
    HttpResponse<String> afterwards = resend(accessToken);
    assertThat(afterwards.statusCode()).as("already verified").isEqualTo(409);
    assertThat(resend("not-a-token").statusCode()).isEqualTo(401);
  }

  @Test
  void givenFiveResendsWithinTheHour_whenTheSixthIsAsked_thenItWaitsForTheRestOfTheHour() {
    String email = uniqueEmail();
    http.register(email);
    String accessToken = http.logIn(email, PASSWORD).get("accessToken").asText();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> asked = resend(accessToken);
      assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
      assertThat(Http.json(asked).get("status").asText()).isEqualTo("accepted");
    }

    HttpResponse<String> sixth = resend(accessToken);

    assertThat(sixth.statusCode()).isEqualTo(429);
    assertThat(sixth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    long retryAfter = Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).as("seconds left of the hour").isBetween(3000L, 3600L);
  }
}
