package com.retail.identity.command.resources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.retail.identity.command.Http;
import com.retail.identity.command.SesStub;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.FormBody;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Account emails through the SES adapter, against a wire-level stub of the SES query API: what
 * reaches SES, and a mail service that fails before it accepts.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SesEmailIT {
  static final WireMockServer SES = SesStub.start();
  static final DropwizardAppExtension<UserCommandConfiguration> APP =
      UserCommandApp.extension(SesStub.settings(SES));
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
  private static final String RESET_SUBJECT = "Reset your Retail password";

  private final Http http = new Http(APP.getLocalPort());

  @BeforeEach
  void sesUp() {
    SES.resetAll();
    SesStub.accepts(SES, Scenario.STARTED);
  }

  @AfterAll
  static void stopSes() {
    SES.stop();
  }

  /** Every reset email to {@code email} SES was asked to send (refused tries included). */
  private static List<Map<String, String>> sendsTo(String email) {
    return resetSends(email, status -> true).toList();
  }

  private static long acceptedSends(String email) {
    return resetSends(email, status -> status == 200).count();
  }

  private static Stream<Map<String, String>> resetSends(String email, IntPredicate answered) {
    return SES.getAllServeEvents().stream()
        .filter(e -> answered.test(e.getResponse().getStatus()))
        .map(e -> FormBody.parse(e.getRequest().getBodyAsString()))
        .filter(f -> email.equals(f.get("Destination.ToAddresses.member.1")))
        .filter(f -> RESET_SUBJECT.equals(f.get("Message.Subject.Data")));
  }

  @Test
  void
      givenARegisteredCustomer_whenTheyAskForAReset_thenSesSendsItFromOurAddressAndTheTokenWorks() {
    String email = uniqueEmail();
    http.register(email);

    http.post("/v1/password-resets", "{\"email\":\"" + email + "\"}");

    await().atMost(Duration.ofSeconds(10)).until(() -> !sendsTo(email).isEmpty());
    Map<String, String> sent = sendsTo(email).get(0);
    assertThat(sent)
        .containsEntry("Source", "no-reply@retail.example")
        .containsEntry("Message.Subject.Data", "Reset your Retail password")
        .containsEntry("Message.Body.Text.Charset", "UTF-8");
    Matcher token = TOKEN.matcher(sent.get("Message.Body.Text.Data"));
    assertThat(token.find()).isTrue();
    assertThat(
            http.post(
                    "/v1/password-resets/confirm",
                    "{\"token\":\""
                        + token.group(1)
                        + "\",\"newPassword\":\"crimson-Window-58-harbour!\"}")
                .statusCode())
        .isEqualTo(204);
  }

  @Test
  void givenSesFailingAtFirst_whenAResetIsAsked_thenTheCustomerIsAnsweredAtOnceAndTheMailFollows() {
    // The first reset email is refused (the latest stub that matches wins); the rest is accepted.
    SES.stubFor(
        post(urlEqualTo("/"))
            .inScenario("ses")
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(containing("Reset"))
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    SesStub.accepts(SES, "recovered");
    String email = uniqueEmail();
    http.register(email);

    assertThat(http.post("/v1/password-resets", "{\"email\":\"" + email + "\"}").statusCode())
        .isEqualTo(202);

    await().atMost(Duration.ofSeconds(20)).until(() -> acceptedSends(email) == 1);
    assertThat(sendsTo(email)).as("the refused try and the accepted one").hasSize(2);
  }
}
