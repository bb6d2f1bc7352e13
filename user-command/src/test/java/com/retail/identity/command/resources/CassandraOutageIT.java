package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static com.retail.identity.command.UserCommandApp.registrationJson;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.StoreControl;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cassandra goes away during registrations and comes back; the service answers fast and loses
 * nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CassandraOutageIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  @AfterEach
  void cassandraIsBack() {
    StoreControl.start("cassandra");
  }

  @Test
  void registrationsAndLoginsFailFastWith503AndWorkAgainWithoutARestart() {
    Http http = new Http(APP.getLocalPort());
    String known = uniqueEmail();
    http.register(known);
    String email = uniqueEmail();

    // When Cassandra stops
    StoreControl.stop("cassandra");

    // Then registration and login answer 503 with Retry-After, not a hang or a 500
    HttpResponse<String> registration = http.post("/v1/users", registrationJson(email, PASSWORD));
    assertThat(registration.statusCode()).isEqualTo(503);
    assertThat(registration.headers().firstValue("Retry-After")).isPresent();
    assertThat(registration.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    HttpResponse<String> login =
        http.post(
            "/v1/sessions", "{\"email\":\"" + known + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(login.statusCode()).isEqualTo(503);

    // And when it is back, the same instance registers that email: nothing half-made blocks it
    StoreControl.start("cassandra");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> http.post("/v1/users", registrationJson(email, PASSWORD)).statusCode() != 503);
    assertThat(http.logIn(email, PASSWORD).get("userId").asText()).isNotBlank();
    assertThat(http.logIn(known, PASSWORD).get("userId").asText()).isNotBlank();
  }
}
