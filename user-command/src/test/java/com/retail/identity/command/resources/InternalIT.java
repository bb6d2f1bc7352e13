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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class InternalIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(Map.of("serviceClients.verification", "it-verification-secret"));

  private String serviceToken(Http http) {
    HttpResponse<String> issued =
        http.post(
            "/internal/service-tokens",
            "{\"clientId\":\"verification\",\"clientSecret\":\"it-verification-secret\"}");
    assertThat(issued.statusCode()).isEqualTo(200);
    assertThat(Http.json(issued).get("expiresIn").asInt()).isEqualTo(300);
    return Http.json(issued).get("accessToken").asText();
  }

  @Test
  void aWrongClientSecretGetsNoToken() {
    HttpResponse<String> refused =
        new Http(APP.getLocalPort())
            .post(
                "/internal/service-tokens",
                "{\"clientId\":\"verification\",\"clientSecret\":\"guess\"}");
    assertThat(refused.statusCode()).isEqualTo(401);
  }

  @Test
  void verificationRecordsAVerifiedPhoneOnceForOneVerification() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String token = serviceToken(http);
    String body = "{\"verificationId\":\"v-" + UUID.randomUUID() + "\",\"phone\":\"+14155552671\"}";

    HttpResponse<String> first =
        http.post(
            "/internal/users/" + userId + "/phone-verified", body, "Authorization", bearer(token));
    HttpResponse<String> repeated =
        http.post(
            "/internal/users/" + userId + "/phone-verified", body, "Authorization", bearer(token));

    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(repeated.statusCode()).isEqualTo(204);
    // The stream holds UserRegistered and one PhoneVerified, so the next change is version 3.
    HttpResponse<String> next =
        http.send(
            "PATCH",
            "/v1/users/" + userId,
            "{\"locale\":\"en-GB\"}",
            "Authorization",
            bearer(http.logIn(email, PASSWORD).get("accessToken").asText()));
    assertThat(Http.json(next).get("version").asLong()).isEqualTo(3);
  }

  @Test
  void aCustomersTokenCannotCallInternalEndpoints() {
    Http http = new Http(APP.getLocalPort());
    String email = uniqueEmail();
    String userId = http.register(email);
    String customer = http.logIn(email, PASSWORD).get("accessToken").asText();

    HttpResponse<String> refused =
        http.post(
            "/internal/users/" + userId + "/phone-verified",
            "{\"verificationId\":\"v-1\",\"phone\":\"+14155552671\"}",
            "Authorization",
            bearer(customer));

    assertThat(refused.statusCode()).isEqualTo(403);
  }

  @Test
  void anUnknownUserIs404() {
    Http http = new Http(APP.getLocalPort());
    HttpResponse<String> missing =
        http.post(
            "/internal/users/" + UUID.randomUUID() + "/phone-verified",
            "{\"verificationId\":\"v-2\",\"phone\":\"+14155552671\"}",
            "Authorization",
            bearer(serviceToken(http)));
    assertThat(missing.statusCode()).isEqualTo(404);
  }
}
