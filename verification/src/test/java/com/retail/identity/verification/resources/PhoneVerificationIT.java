package com.retail.identity.verification.resources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.confirm;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.lastCode;
import static com.retail.identity.verification.ItSupport.startVerification;
import static com.retail.identity.verification.ItSupport.wrong;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.datastax.driver.core.Row;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.store.CassandraConnector;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * SMS one-time codes end to end: verification (codes valid 8 s, resend cooldown 3 s — long enough
 * for a busy machine —, at most 3 codes per phone and 4 per user a day) sends through an SNS stub,
 * and records verified phones at the real user-command (in this JVM) through a recording proxy,
 * which lets a test see or break the internal calls.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PhoneVerificationIT {
  static final WireMockServer SNS = ItSupport.sns();
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(Map.of("eureka.enabled", "false"));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(
              SNS,
              Map.of(
                  "codes.ttl", "8 seconds",
                  "codes.resendCooldown", "3 seconds",
                  "codes.attemptWindow", "1 minute",
                  "codes.dailyPerPhone", "3",
                  "codes.dailyPerUser", "4")));

  @BeforeAll
  static void proxy() throws Exception {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
    // The first request fetches the issuer's keys and opens the SNS client; on a busy machine that
    // can
    // outlast the Hystrix timeout once (a 503 the callers would retry). Warm up so the tests see
    // the steady state.
    Customer warmup = customer(COMMAND.getLocalPort());
    for (int attempt = 0;
        attempt < 5
            && startVerification(APP.getLocalPort(), warmup.token(), germanMobile()).statusCode()
                == 503;
        attempt++) {
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stopStubs() {
    SNS.stop();
    USER_COMMAND.stop();
  }

  /** The SMS budget knobs an operator turns on the running service. */
  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  private static int port() {
    return APP.getLocalPort();
  }

  private static String started(Customer customer, String phone) throws Exception {
    HttpResponse<String> started = startVerification(port(), customer.token(), phone);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    return body(started).get("verificationId").asText();
  }

  @Test
  void theSmsReachesSnsAsTransactionalToTheE164NumberAndItsCodeVerifiesOnce() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();

    HttpResponse<String> started =
        ItSupport.send(
            ItSupport.json(port(), "/v1/verifications", customer.token())
                .header("Accept-Language", "de-DE,de;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}"))
                .build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String verificationId = body(started).get("verificationId").asText();
    assertThat(Instant.parse(body(started).get("expiresAt").asText())).isAfter(Instant.now());

    // The SNS request as the stub received it
    List<Map<String, String>> publishes = ItSupport.publishesTo(SNS, phone);
    assertThat(publishes).hasSize(1);
    Map<String, String> publish = publishes.get(0);
    assertThat(publish).containsEntry("Action", "Publish").containsEntry("PhoneNumber", phone);
    assertThat(publish)
        .containsEntry("MessageAttributes.entry.1.Name", "AWS.SNS.SMS.SMSType")
        .containsEntry("MessageAttributes.entry.1.Value.DataType", "String")
        .containsEntry("MessageAttributes.entry.1.Value.StringValue", "Transactional");
    assertThat(publish.get("Message")).startsWith("Dein Retail-Bestätigungscode lautet ");
    String code = lastCode(SNS, phone);

    HttpResponse<String> confirmed = confirm(port(), customer.token(), verificationId, code);
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    assertThat(body(confirmed).get("verified").asBoolean()).isTrue();

    // verification got a service token and told user-command, exactly as the contract says
    List<LoggedRequest> tokenRequests =
        USER_COMMAND.findAll(postRequestedFor(urlEqualTo("/internal/service-tokens")));
    assertThat(tokenRequests).isNotEmpty();
    assertThat(ItSupport.JSON.readTree(tokenRequests.get(0).getBodyAsString()))
        .isEqualTo(
            ItSupport.JSON.readTree(
                "{\"clientId\":\"verification\",\"clientSecret\":\"local-verification-secret\"}"));
    List<LoggedRequest> recorded =
        USER_COMMAND.findAll(
            postRequestedFor(
                urlEqualTo("/internal/users/" + customer.userId() + "/phone-verified")));
    assertThat(recorded).hasSize(1);
    assertThat(ItSupport.JSON.readTree(recorded.get(0).getBodyAsString()))
        .isEqualTo(
            ItSupport.JSON.readTree(
                "{\"verificationId\":\"" + verificationId + "\",\"phone\":\"" + phone + "\"}"));
    assertThat(recorded.get(0).getHeader("Authorization"))
        .matches("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(recorded.get(0).getHeader("Content-Type")).startsWith("application/json");

    // and the user's stream now has PhoneVerified (written by user-command, never by verification)
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      List<String> types =
          cassandra
              .session()
              .execute(
                  "SELECT event_type FROM "
                      + TestStack.keyspace()
                      + ".user_events WHERE user_id = ?",
                  UUID.fromString(customer.userId()))
              .all()
              .stream()
              .map((Row row) -> row.getString("event_type"))
              .toList();
      assertThat(types).contains("PhoneVerified");
      Row mine =
          cassandra
              .session()
              .execute(
                  "SELECT phone_hash FROM "
                      + TestStack.keyspace()
                      + ".verified_phones WHERE user_id = ?",
                  UUID.fromString(customer.userId()))
              .one();
      assertThat(mine).isNotNull();
      assertThat(mine.getString("phone_hash")).doesNotContain(phone.substring(3));
    }

    // Single use: the same code again is refused
    HttpResponse<String> again = confirm(port(), customer.token(), verificationId, code);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(body(again).get("type").asText()).endsWith("/verification-completed");

    // Redis holds no phone number and no code, in keys or values
    assertThat(redisText()).doesNotContain(phone.substring(3)).doesNotContain(code + "\"");
  }

  /** Every key and string/hash value under this run's prefix, as one text. */
  private static String redisText() {
    StringBuilder all = new StringBuilder();
    try (JedisPooled redis = ItSupport.redis()) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page =
            redis.scan(cursor, new ScanParams().match(ItSupport.keyPrefix() + "otp:*").count(500));
        for (String key : page.getResult()) {
          all.append(key).append('\n');
          String type = redis.type(key);
          if (type.equals("hash")) {
            all.append(redis.hgetAll(key)).append('\n');
          } else if (type.equals("string")) {
            all.append(redis.get(key)).append('\n');
          }
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return all.toString();
  }

  @Test
  void fiveWrongCodesLockTheVerificationEvenForTheRightCode() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    String id = started(customer, phone);
    String code = lastCode(SNS, phone);

    for (int left = 4; left >= 1; left--) {
      HttpResponse<String> wrong = confirm(port(), customer.token(), id, wrong(code));
      assertThat(wrong.statusCode()).isEqualTo(422);
      assertThat(body(wrong).get("type").asText()).endsWith("/code-mismatch");
      assertThat(body(wrong).get("attemptsLeft").asInt()).isEqualTo(left);
    }
    HttpResponse<String> fifth = confirm(port(), customer.token(), id, wrong(code));
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(body(fifth).get("type").asText()).endsWith("/too-many-attempts");
    assertThat(fifth.headers().firstValue("Retry-After")).isPresent();

    HttpResponse<String> right = confirm(port(), customer.token(), id, code);
    assertThat(right.statusCode()).isEqualTo(429);
    // and asking for a new code does not unlock it
    HttpResponse<String> resend = startVerification(port(), customer.token(), phone);
    assertThat(resend.statusCode()).isEqualTo(429);
    assertThat(body(resend).get("type").asText()).endsWith("/too-many-attempts");
  }

  @Test
  void aNewCodeDoesNotResetTheFailureCount() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    String id = started(customer, phone);
    String firstCode = lastCode(SNS, phone);
    for (int i = 0; i < 3; i++) {
      assertThat(confirm(port(), customer.token(), id, wrong(firstCode)).statusCode())
          .isEqualTo(422);
    }
    Thread.sleep(3100); // the resend cooldown
    assertThat(started(customer, phone))
        .as("a resend continues the same verification")
        .isEqualTo(id);
    String secondCode = lastCode(SNS, phone);

    HttpResponse<String> fourth = confirm(port(), customer.token(), id, wrong(secondCode));
    assertThat(body(fourth).get("attemptsLeft").asInt()).isEqualTo(1);
    assertThat(confirm(port(), customer.token(), id, wrong(secondCode)).statusCode())
        .isEqualTo(429);
    assertThat(confirm(port(), customer.token(), id, secondCode).statusCode()).isEqualTo(429);
  }

  @Test
  void aResendWithinTheCooldownIsRefusedAndAResendReplacesTheCode() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    String id = started(customer, phone);
    String firstCode = lastCode(SNS, phone);

    HttpResponse<String> tooSoon = startVerification(port(), customer.token(), phone);
    assertThat(tooSoon.statusCode()).isEqualTo(429);
    assertThat(body(tooSoon).get("type").asText()).endsWith("/resend-too-soon");
    assertThat(tooSoon.headers().firstValue("Retry-After").map(Integer::parseInt))
        .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1, 3));
    assertThat(ItSupport.publishesTo(SNS, phone)).hasSize(1);

    // another account cannot make the same phone ring either: the cooldown is per phone
    Customer other = customer(COMMAND.getLocalPort());
    assertThat(startVerification(port(), other.token(), phone).statusCode()).isEqualTo(429);

    Thread.sleep(3100);
    assertThat(started(customer, phone)).isEqualTo(id);
    String secondCode = lastCode(SNS, phone);
    if (!secondCode.equals(firstCode)) {
      assertThat(confirm(port(), customer.token(), id, firstCode).statusCode()).isEqualTo(422);
    }
    assertThat(confirm(port(), customer.token(), id, secondCode).statusCode()).isEqualTo(200);
  }

  @Test
  void aCodeExpires() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    String id = started(customer, phone);
    String code = lastCode(SNS, phone);
    Thread.sleep(8200); // codes.ttl is 8 s here (10 minutes by default)
    HttpResponse<String> late = confirm(port(), customer.token(), id, code);
    assertThat(late.statusCode()).isEqualTo(410);
    assertThat(body(late).get("type").asText()).endsWith("/code-expired");
  }

  @Test
  void dailyCapsPerPhoneAndPerUser() throws Exception {
    // per phone: 3 codes a day, whoever asks
    String phone = germanMobile();
    Customer first = customer(COMMAND.getLocalPort());
    started(first, phone);
    Thread.sleep(3100);
    started(first, phone);
    Thread.sleep(3100);
    started(customer(COMMAND.getLocalPort()), phone);
    Thread.sleep(3100);
    HttpResponse<String> fourth =
        startVerification(port(), customer(COMMAND.getLocalPort()).token(), phone);
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(body(fourth).get("type").asText()).endsWith("/daily-limit");
    assertThat(body(fourth).get("limit").asText()).isEqualTo("phone");

    // per user: 4 codes a day, whatever the phones
    Customer busy = customer(COMMAND.getLocalPort());
    for (int i = 0; i < 4; i++) {
      started(busy, germanMobile());
    }
    HttpResponse<String> fifth = startVerification(port(), busy.token(), germanMobile());
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(body(fifth).get("limit").asText()).isEqualTo("user");
  }

  @Test
  void premiumRateLandlineAndTollFreeNumbersAreRefusedWithoutAnSms() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    for (String number : List.of("+449098790879", "+493012345678", "+18005551234")) {
      HttpResponse<String> refused = startVerification(port(), customer.token(), number);
      assertThat(refused.statusCode()).as(number).isEqualTo(422);
      assertThat(body(refused).get("type").asText()).endsWith("/phone-not-mobile");
      assertThat(ItSupport.publishesTo(SNS, number)).isEmpty();
    }
    // a US number classifies as FIXED_LINE_OR_MOBILE and is accepted
    assertThat(
            startVerification(
                    port(),
                    customer.token(),
                    "+1201555" + String.format("%04d", (int) (Math.random() * 10_000)))
                .statusCode())
        .isEqualTo(202);
  }

  @Test
  void whileUserCommandIsUnreachableConfirmAnswers503AndTheCodeStaysValid() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    String id = started(customer, phone);
    String code = lastCode(SNS, phone);

    StubMapping down =
        USER_COMMAND.stubFor(
            post(urlPathMatching("/internal/users/.*/phone-verified"))
                .atPriority(1)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    try {
      HttpResponse<String> unavailable = confirm(port(), customer.token(), id, code);
      assertThat(unavailable.statusCode()).isEqualTo(503);
      assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
      assertThat(body(unavailable).get("type").asText()).endsWith("/unavailable");
    } finally {
      USER_COMMAND.removeStub(down);
    }
    HttpResponse<String> retried = confirm(port(), customer.token(), id, code);
    assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
  }

  @Test
  void aCountryBudgetAndTheGlobalBrakeStopSends() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    operator.turn("identity.sms.budget.FR.burst", "2");
    operator.turn("identity.sms.budget.FR.perMinute", "1");
    started(customer, ItSupport.frenchMobile());
    started(customer, ItSupport.frenchMobile());
    String third = ItSupport.frenchMobile();
    HttpResponse<String> paused = startVerification(port(), customer.token(), third);
    assertThat(paused.statusCode()).isEqualTo(503);
    assertThat(body(paused).get("type").asText()).endsWith("/sms-paused");
    assertThat(ItSupport.publishesTo(SNS, third)).isEmpty();
    // other countries still get codes
    Customer other = customer(COMMAND.getLocalPort());
    started(other, germanMobile());

    // a budget of 0 stops a country outright
    operator.turn("identity.sms.budget.ES.perMinute", "0");
    String spanish = "+346" + String.format("%08d", (int) (Math.random() * 100_000_000));
    assertThat(startVerification(port(), other.token(), spanish).statusCode()).isEqualTo(503);
    assertThat(ItSupport.publishesTo(SNS, spanish)).isEmpty();

    operator.turn("identity.sms.brake.engaged", "true");
    HttpResponse<String> braked = startVerification(port(), other.token(), germanMobile());
    assertThat(braked.statusCode()).isEqualTo(503);
    assertThat(body(braked).get("type").asText()).endsWith("/sms-paused");
    assertThat(APP.getEnvironment().metrics().counter("verification.sms.refused.brake").getCount())
        .isPositive();
    assertThat(
            APP.getEnvironment()
                .metrics()
                .counter("verification.sms.refused.country-budget")
                .getCount())
        .isPositive();
  }

  /**
   * At the levels the services run at (and DEBUG for the platform's own code), during a whole
   * verification.
   */
  @Test
  void neitherTheCodeNorTheNumberEverReachesALogLine() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    Logger ours = context.getLogger("com.retail.identity");
    Level before = root.getLevel();
    Level oursBefore = ours.getLevel();
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.setContext(context);
    captured.start();
    root.addAppender(captured);
    // The level the services run at (INFO; com.amazonaws at WARN as in config/*.yml), and DEBUG for
    // our own code.
    root.setLevel(Level.INFO);
    ours.setLevel(Level.DEBUG);
    String phone = germanMobile();
    String code;
    try {
      Customer customer = customer(COMMAND.getLocalPort());
      String id = started(customer, phone);
      code = lastCode(SNS, phone);
      assertThat(confirm(port(), customer.token(), id, wrong(code)).statusCode()).isEqualTo(422);
      assertThat(confirm(port(), customer.token(), id, code).statusCode()).isEqualTo(200);
    } finally {
      root.setLevel(before);
      ours.setLevel(oursBefore);
      root.detachAppender(captured);
    }
    assertThat(captured.list).isNotEmpty();
    Set<String> lines =
        captured.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : " " + e.getThrowableProxy().getMessage()))
            .collect(Collectors.toSet());
    assertThat(lines)
        .noneMatch(line -> line.contains(code))
        .noneMatch(line -> line.contains(phone.substring(3)));
  }
}
