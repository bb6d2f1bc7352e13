package com.retail.identity.verification.resources;

import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.confirm;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.startVerification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Local mode: codes go to the outbox, readable at GET /dev/sms-outbox?phone=, and nothing reaches
 * SNS.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class SmsOutboxIT {
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          Map.of("eureka.enabled", "false", "mode", "LOCAL", "sms.sender", "OUTBOX"));

  @BeforeAll
  static void proxy() {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
  }

  @AfterAll
  static void stop() {
    USER_COMMAND.stop();
  }

  @Test
  void theCodeIsReadableInTheOutboxAndVerifies() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    HttpResponse<String> started = startVerification(APP.getLocalPort(), customer.token(), phone);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

    HttpResponse<String> outbox =
        ItSupport.send(
            ItSupport.json(
                    APP.getLocalPort(),
                    "/dev/sms-outbox?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
                    null)
                .GET()
                .build());
    assertThat(outbox.statusCode()).isEqualTo(200);
    JsonNode messages = body(outbox);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("phone").asText()).isEqualTo(phone);
    String text = messages.get(0).get("text").asText();
    assertThat(text).startsWith("Your Retail verification code is ");
    String code = text.replaceAll("\\D*(\\d{6}).*", "$1");

    assertThat(
            confirm(
                    APP.getLocalPort(),
                    customer.token(),
                    body(started).get("verificationId").asText(),
                    code)
                .statusCode())
        .isEqualTo(200);
  }
}
