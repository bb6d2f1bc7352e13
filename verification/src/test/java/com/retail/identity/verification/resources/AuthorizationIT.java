package com.retail.identity.verification.resources;

import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.confirm;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.lastCode;
import static com.retail.identity.verification.ItSupport.startVerification;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.ItSupport.Customer;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Customer A can neither confirm B's verification (even with B's right code), nor flag or unflag B,
 * nor ask for B's eligibility, and cannot tell from the answer whether B or B's verification
 * exists: each refusal is the same as for an id nobody has. B's verification is untouched
 * afterwards.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuthorizationIT {
  static final WireMockServer SNS = ItSupport.sns();
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(SNS, Map.of()));

  /** The parts of an answer a caller could tell apart. */
  record Answer(int status, String contentType, String body) {
    static Answer of(HttpResponse<String> response) {
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    }
  }

  @BeforeAll
  static void proxyAndKeys() throws Exception {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
    // The first token check fetches user-command's keys; a slow first fetch is not what this test
    // is about.
    String token = customer(COMMAND.getLocalPort()).token();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> send("DELETE", "/v1/flags/" + UUID.randomUUID(), token, null).status() != 503);
  }

  @AfterAll
  static void stopStubs() {
    SNS.stop();
    USER_COMMAND.stop();
  }

  private static Answer send(String method, String path, String token, String json)
      throws Exception {
    HttpRequest.BodyPublisher body =
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json);
    return Answer.of(
        ItSupport.send(
            ItSupport.json(APP.getLocalPort(), path, token).method(method, body).build()));
  }

  @Test
  void givenBsVerificationAndItsCode_whenAConfirmsIt_thenItIsUnknownToAAndStillGoodForB()
      throws Exception {
    Customer victim = customer(COMMAND.getLocalPort());
    Customer attacker = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    HttpResponse<String> started = startVerification(APP.getLocalPort(), victim.token(), phone);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String verificationId = body(started).get("verificationId").asText();
    String code = lastCode(SNS, phone);

    Answer onVictims =
        Answer.of(confirm(APP.getLocalPort(), attacker.token(), verificationId, code));
    Answer onNobodys =
        Answer.of(
            confirm(APP.getLocalPort(), attacker.token(), UUID.randomUUID().toString(), code));

    assertThat(onVictims.status()).isEqualTo(404);
    assertThat(onVictims.contentType()).isEqualTo("application/problem+json");
    assertThat(onVictims).as("B's verification and one nobody has").isEqualTo(onNobodys);
    HttpResponse<String> own = confirm(APP.getLocalPort(), victim.token(), verificationId, code);
    assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
  }

  @Test
  void givenTwoCustomers_whenAFlagsUnflagsOrAsksAboutB_thenTheRefusalIsTheSameAsForAnIdNobodyHas()
      throws Exception {
    Customer victim = customer(COMMAND.getLocalPort());
    Customer attacker = customer(COMMAND.getLocalPort());
    String nobody = UUID.randomUUID().toString();

    for (String[] attempt :
        new String[][] {
          {"PUT", "/v1/flags/%s", "{\"reason\":\"revenge\"}"},
          {"DELETE", "/v1/flags/%s", null},
          {"GET", "/v1/launches/any-launch/eligibility?userId=%s", null}
        }) {
      Answer onVictim =
          send(attempt[0], attempt[1].formatted(victim.userId()), attacker.token(), attempt[2]);
      Answer onNobody =
          send(attempt[0], attempt[1].formatted(nobody), attacker.token(), attempt[2]);

      assertThat(onVictim.status()).as(attempt[0] + " " + attempt[1]).isEqualTo(403);
      assertThat(onVictim.contentType()).isEqualTo("application/problem+json");
      assertThat(onVictim).as("%s on B and on nobody", attempt[0]).isEqualTo(onNobody);
    }
  }
}
