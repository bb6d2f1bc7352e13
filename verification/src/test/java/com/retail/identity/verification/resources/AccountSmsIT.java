package com.retail.identity.verification.resources;

import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.confirm;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.json;
import static com.retail.identity.verification.ItSupport.lastCode;
import static com.retail.identity.verification.ItSupport.send;
import static com.retail.identity.verification.ItSupport.startVerification;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.ItSupport.Customer;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMS copy of a password reset, end to end: the real user-command (in this JVM) asks the real
 * verification, through Ribbon, to text the reset link to the phone the customer verified; the SMS
 * leaves through an SNS stub and its token resets the password. Verification texts only a phone it
 * verified for that account, only for a service, and only within the SMS budget.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccountSmsIT {
  private static final String NEW_PASSWORD = "crimson-Window-58-harbour!";
  private static final Pattern TOKEN = Pattern.compile("reset#token=([A-Za-z0-9_-]+)");

  static final WireMockServer SNS = ItSupport.sns();
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();
  static final WireMockServer VERIFICATION = ItSupport.verificationProxy();

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(SNS, Map.of()));

  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @BeforeAll
  static void proxies() {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
    ItSupport.proxyTo(VERIFICATION, APP.getLocalPort());
  }

  @AfterAll
  static void stopStubs() {
    SNS.stop();
    USER_COMMAND.stop();
    VERIFICATION.stop();
  }

  @Test
  void givenAVerifiedPhone_whenTheCustomerAsksForAReset_thenTheLinkBySmsResetsThePassword()
      throws Exception {
    // Given a customer who verified a phone
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = verifiedPhone(customer);

    // When they ask for a reset
    HttpResponse<String> asked =
        send(
            json(COMMAND.getLocalPort(), "/v1/password-resets", null)
                .POST(ofJson("{\"email\":\"" + customer.email() + "\"}"))
                .build());
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);

    // Then the phone gets the reset link (the delivery runs on user-command's queue) ...
    String message = awaitSms(phone, "reset#token=");
    assertThat(message).startsWith("Retail password reset: https://account.retail.example/");
    Matcher token = TOKEN.matcher(message);
    assertThat(token.find()).isTrue();

    // ... whose token sets the new password
    HttpResponse<String> reset =
        send(
            json(COMMAND.getLocalPort(), "/v1/password-resets/confirm", null)
                .POST(
                    ofJson(
                        "{\"token\":\""
                            + token.group(1)
                            + "\",\"newPassword\":\""
                            + NEW_PASSWORD
                            + "\"}"))
                .build());
    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
    HttpResponse<String> login =
        send(
            json(COMMAND.getLocalPort(), "/v1/sessions", null)
                .POST(
                    ofJson(
                        "{\"email\":\""
                            + customer.email()
                            + "\",\"password\":\""
                            + NEW_PASSWORD
                            + "\"}"))
                .build());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    assertThat(APP.getEnvironment().metrics().counter("verification.sms.account.sent").getCount())
        .isPositive();
  }

  @Test
  void givenAPhoneTheAccountDidNotVerify_whenAServiceAsksToTextIt_thenItIsRefusedAndNothingIsSent()
      throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    verifiedPhone(customer);
    String stranger = germanMobile();

    HttpResponse<String> refused = accountSms(serviceToken(), customer.userId(), stranger);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(ItSupport.publishesTo(SNS, stranger)).isEmpty();
  }

  @Test
  void givenACustomersOwnToken_whenAskingToTextTheirPhone_thenItIsForbidden() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = verifiedPhone(customer);

    HttpResponse<String> forbidden = accountSms(customer.token(), customer.userId(), phone);

    assertThat(forbidden.statusCode()).as(forbidden.body()).isEqualTo(403);
    assertThat(ItSupport.publishesTo(SNS, phone)).hasSize(1); // the code only
  }

  @Test
  void givenTheBrakeEngaged_whenAServiceAsksForAnAccountSms_thenItIsPausedWithRetryAfter()
      throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = verifiedPhone(customer);
    operator.turn("identity.sms.brake.engaged", "true");

    HttpResponse<String> paused = accountSms(serviceToken(), customer.userId(), phone);

    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(503);
    assertThat(body(paused).get("type").asText()).endsWith("/sms-paused");
    assertThat(paused.headers().firstValue("Retry-After")).isPresent();
    assertThat(ItSupport.publishesTo(SNS, phone)).hasSize(1); // the code only
  }

  @Test
  void givenAMalformedRequest_whenAServiceSendsIt_thenTheProblemNamesTheField() throws Exception {
    HttpResponse<String> bad =
        send(
            json(APP.getLocalPort(), "/internal/account-sms", serviceToken())
                .POST(
                    ofJson(
                        "{\"userId\":\"not-a-uuid\",\"phone\":\"+4915112345678\","
                            + "\"kind\":\"password-reset\",\"secret\":\"s\",\"minutes\":30}"))
                .build());

    assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    assertThat(bad.body()).contains("userId");
  }

  private static String verifiedPhone(Customer customer) throws Exception {
    String phone = germanMobile();
    HttpResponse<String> started = startVerification(APP.getLocalPort(), customer.token(), phone);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = body(started).get("verificationId").asText();
    HttpResponse<String> confirmed =
        confirm(APP.getLocalPort(), customer.token(), id, lastCode(SNS, phone));
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    return phone;
  }

  private static String serviceToken() throws Exception {
    return ItSupport.serviceToken(COMMAND.getLocalPort());
  }

  private static HttpResponse<String> accountSms(String token, String userId, String phone)
      throws Exception {
    return send(
        json(APP.getLocalPort(), "/internal/account-sms", token)
            .POST(
                ofJson(
                    "{\"userId\":\""
                        + userId
                        + "\",\"phone\":\""
                        + phone
                        + "\",\"kind\":\"password-reset\",\"secret\":\"s3cret\",\"minutes\":30}"))
            .build());
  }

  /** The newest SMS to {@code phone} that contains {@code marker}, waited for up to 20 s. */
  private static String awaitSms(String phone, String marker) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      List<String> found =
          ItSupport.publishesTo(SNS, phone).stream()
              .map(publish -> publish.get("Message"))
              .filter(message -> message != null && message.contains(marker))
              .toList();
      if (!found.isEmpty()) {
        return found.get(found.size() - 1);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no SMS with " + marker + " reached " + phone + " within 20 s");
  }

  private static HttpRequest.BodyPublisher ofJson(String json) {
    return HttpRequest.BodyPublishers.ofString(json);
  }
}
