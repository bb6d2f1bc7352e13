package com.retail.identity.verification.resources;

import static com.retail.identity.verification.ItSupport.body;
import static com.retail.identity.verification.ItSupport.confirm;
import static com.retail.identity.verification.ItSupport.customer;
import static com.retail.identity.verification.ItSupport.germanMobile;
import static com.retail.identity.verification.ItSupport.lastCode;
import static com.retail.identity.verification.ItSupport.startVerification;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.common.testing.TurnedKnobs;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.Principal;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.verification.EligibilityKnobs;
import com.retail.identity.verification.ItSupport;
import com.retail.identity.verification.ItSupport.Customer;
import com.retail.identity.verification.VerificationApplication;
import com.retail.identity.verification.VerificationConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/**
 * Launch eligibility on real accounts: registered on user-command, phones verified through
 * verification, launch definitions as reference data in Redis.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class EligibilityIT {
  static final WireMockServer SNS = ItSupport.sns();
  static final WireMockServer USER_COMMAND = ItSupport.userCommandProxy();
  static final Path SIGNING_KEYS =
      Path.of("target", "it-secrets", UUID.randomUUID() + ".jwks").toAbsolutePath();

  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension(
          Map.of("eureka.enabled", "false", "signingKeyFile", SIGNING_KEYS.toString()));
  static final DropwizardAppExtension<VerificationConfiguration> APP =
      TestStack.app(
          VerificationApplication.class,
          "verification",
          ItSupport.verificationSettings(SNS, Map.of("codes.resendCooldown", "1 second")));

  static final String OPEN_LAUNCH = "launch-open-" + UUID.randomUUID();
  static final String AGED_LAUNCH = "launch-aged-" + UUID.randomUUID();
  static String serviceToken;

  /** Knobs an operator turns on the running service. */
  @RegisterExtension final TurnedKnobs operator = new TurnedKnobs();

  @BeforeAll
  static void setUp() throws Exception {
    ItSupport.proxyTo(USER_COMMAND, COMMAND.getLocalPort());
    try (JedisPooled redis = ItSupport.redis()) {
      redis.hset(
          ItSupport.keyPrefix() + "ref:launches",
          Map.of(
              OPEN_LAUNCH, "{\"minAccountAge\":\"PT0S\",\"maxAccountsPerPhone\":1}",
              AGED_LAUNCH, "{\"minAccountAgeDays\":7}"));
    }
    serviceToken = ItSupport.serviceToken(COMMAND.getLocalPort());
  }

  @AfterAll
  static void stopStubs() {
    SNS.stop();
    USER_COMMAND.stop();
  }

  private static HttpResponse<String> eligibility(String launch, String userId, String token)
      throws Exception {
    return ItSupport.send(
        ItSupport.json(
                APP.getLocalPort(),
                "/v1/launches/" + launch + "/eligibility?userId=" + userId,
                token)
            .GET()
            .build());
  }

  private static JsonNode eligible(String launch, String userId) throws Exception {
    HttpResponse<String> answer = eligibility(launch, userId, serviceToken);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return body(answer);
  }

  private static void verify(Customer customer, String phone) throws Exception {
    HttpResponse<String> started = startVerification(APP.getLocalPort(), customer.token(), phone);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String id = body(started).get("verificationId").asText();
    assertThat(confirm(APP.getLocalPort(), customer.token(), id, lastCode(SNS, phone)).statusCode())
        .isEqualTo(200);
  }

  private static String adminToken() {
    AccessTokens tokens =
        new AccessTokens(
            SigningKeys.load(SIGNING_KEYS, false),
            COMMAND.getConfiguration().getTokens(),
            Clock.systemUTC());
    return tokens.issue(UUID.randomUUID(), Set.of(Principal.ADMIN));
  }

  @Test
  void notEligibleBeforeVerificationEligibleAfterAndNotForASecondAccountOnTheSamePhone()
      throws Exception {
    Customer first = customer(COMMAND.getLocalPort());
    JsonNode before = eligible(OPEN_LAUNCH, first.userId());
    assertThat(before.get("eligible").asBoolean()).isFalse();
    assertThat(before.get("reasons"))
        .extracting(JsonNode::asText)
        .containsExactly("phone-not-verified");

    String phone = germanMobile();
    verify(first, phone);
    JsonNode after = eligible(OPEN_LAUNCH, first.userId());
    assertThat(after.get("eligible").asBoolean()).isTrue();
    assertThat(after.get("reasons")).isEmpty();

    Thread.sleep(1100); // the per-phone resend cooldown (1 s here)
    Customer second = customer(COMMAND.getLocalPort());
    verify(second, phone);
    JsonNode secondAccount = eligible(OPEN_LAUNCH, second.userId());
    assertThat(secondAccount.get("eligible").asBoolean()).isFalse();
    assertThat(secondAccount.get("reasons"))
        .extracting(JsonNode::asText)
        .containsExactly("phone-shared");
    assertThat(eligible(OPEN_LAUNCH, first.userId()).get("eligible").asBoolean())
        .as("the first account keeps it")
        .isTrue();
  }

  @Test
  void anErasedAccountHoldsItsPhoneUntilTheHoldEndsThenTheNextAccountGetsIt() throws Exception {
    // Given a customer who verified a phone and then erased their account
    Customer erased = customer(COMMAND.getLocalPort());
    String phone = germanMobile();
    verify(erased, phone);
    HttpResponse<String> erasure =
        ItSupport.send(
            ItSupport.json(COMMAND.getLocalPort(), "/v1/users/" + erased.userId(), erased.token())
                .method(
                    "DELETE",
                    HttpRequest.BodyPublishers.ofString(
                        "{\"currentPassword\":\"" + UserCommandApp.PASSWORD + "\"}"))
                .build());
    assertThat(erasure.statusCode()).as(erasure.body()).isEqualTo(204);

    // When another account verifies the same phone within the hold period
    Thread.sleep(1100); // the per-phone resend cooldown (1 s here)
    Customer next = customer(COMMAND.getLocalPort());
    verify(next, phone);

    // Then the erased account still holds it, and is itself closed
    assertThat(eligible(OPEN_LAUNCH, next.userId()).get("reasons"))
        .extracting(JsonNode::asText)
        .containsExactly("phone-shared");
    assertThat(eligible(OPEN_LAUNCH, erased.userId()).get("reasons"))
        .extracting(JsonNode::asText)
        .containsExactly("account-closed");

    // And once the hold has ended the phone is released to the next account
    operator.turn(EligibilityKnobs.ERASED_PHONE_HOLD_DAYS, "0");
    assertThat(eligible(OPEN_LAUNCH, next.userId()).get("eligible").asBoolean()).isTrue();
  }

  @Test
  void anAccountYoungerThanTheLaunchsMinimumAgeIsNotEligible() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    verify(customer, germanMobile());
    JsonNode aged = eligible(AGED_LAUNCH, customer.userId());
    assertThat(aged.get("eligible").asBoolean()).isFalse();
    assertThat(aged.get("reasons")).extracting(JsonNode::asText).containsExactly("account-too-new");
  }

  @Test
  void aFlaggedAccountIsNotEligibleUntilTheFlagIsCleared() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    verify(customer, germanMobile());
    String admin = adminToken();
    HttpResponse<String> flagged =
        ItSupport.send(
            ItSupport.json(APP.getLocalPort(), "/v1/flags/" + customer.userId(), admin)
                .PUT(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"reason\":\"bought 40 pairs with 40 accounts\"}"))
                .build());
    assertThat(flagged.statusCode()).as(flagged.body()).isEqualTo(204);
    JsonNode answer = body(eligibility(OPEN_LAUNCH, customer.userId(), admin));
    assertThat(answer.get("reasons"))
        .extracting(JsonNode::asText)
        .containsExactly("account-flagged");

    assertThat(
            ItSupport.send(
                    ItSupport.json(APP.getLocalPort(), "/v1/flags/" + customer.userId(), admin)
                        .DELETE()
                        .build())
                .statusCode())
        .isEqualTo(204);
    assertThat(eligible(OPEN_LAUNCH, customer.userId()).get("eligible").asBoolean()).isTrue();

    // and support's flag, read and unflag are audited, newest first (the service's reads are not)
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      List<AuditEntry> trail =
          new CassandraAuditTrail(cassandra)
              .find(
                  new AuditQuery(
                      customer.userId(),
                      null,
                      Instant.now().minusSeconds(120),
                      Instant.now().plusSeconds(5),
                      null,
                      10));
      assertThat(trail)
          .extracting(AuditEntry::action)
          .containsExactly(
              AuditAction.UNFLAG_ACCOUNT, AuditAction.READ_ELIGIBILITY, AuditAction.FLAG_ACCOUNT);
      assertThat(trail.get(2).reason()).isEqualTo("bought 40 pairs with 40 accounts");
      assertThat(trail.get(1).detail()).isEqualTo("launch=" + OPEN_LAUNCH);
      assertThat(trail).allSatisfy(entry -> assertThat(entry.service()).isEqualTo("verification"));
    }
  }

  @Test
  void onlyServicesAndAdminsMayAskAndUnknownsAre404() throws Exception {
    Customer customer = customer(COMMAND.getLocalPort());
    assertThat(eligibility(OPEN_LAUNCH, customer.userId(), customer.token()).statusCode())
        .isEqualTo(403);
    assertThat(eligibility(OPEN_LAUNCH, customer.userId(), null).statusCode()).isEqualTo(401);
    assertThat(eligibility("no-such-launch", customer.userId(), serviceToken).statusCode())
        .isEqualTo(404);
    assertThat(eligibility(OPEN_LAUNCH, UUID.randomUUID().toString(), serviceToken).statusCode())
        .isEqualTo(404);
    assertThat(eligibility(OPEN_LAUNCH, "not-a-uuid", serviceToken).statusCode()).isEqualTo(400);
    // a customer may not flag accounts
    assertThat(
            ItSupport.send(
                    ItSupport.json(
                            APP.getLocalPort(), "/v1/flags/" + customer.userId(), customer.token())
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}"))
                        .build())
                .statusCode())
        .isEqualTo(403);
  }
}
