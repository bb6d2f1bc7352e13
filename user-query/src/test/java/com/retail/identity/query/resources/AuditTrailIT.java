package com.retail.identity.query.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.query.UserQueryApplication;
import com.retail.identity.query.UserQueryConfiguration;
import com.retail.identity.query.testing.Seed;
import com.retail.identity.query.testing.TestTokens;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Staff reads of customers are audited on the real store, and admins read the trail: who read whom,
 * when, in which request and why; a customer's own reads are not staff acts; the trail holds no
 * personal data.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditTrailIT {
  private static final TestTokens TOKENS = TestTokens.start();
  static final DropwizardAppExtension<UserQueryConfiguration> QUERY =
      TestStack.app(
          UserQueryApplication.class,
          "user-query",
          Map.of("eureka.enabled", "false", "userCommandClient", TOKENS.clientName()));
  private static final Seed SEED = Seed.open();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void close() {
    SEED.close();
    TOKENS.stop();
  }

  private HttpResponse<String> get(String pathAndQuery, String token, String reason)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + QUERY.getLocalPort() + pathAndQuery))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(10));
    if (reason != null) {
      request.header("Audit-Reason", reason);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<JsonNode> entries(String query, String adminToken) throws Exception {
    HttpResponse<String> answer = get("/v1/audit?" + query, adminToken, null);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(answer.body()).path("entries").forEach(entries::add);
    return entries;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void givenAnAdminReadingAndSearching_whenTheTrailIsRead_thenEachActIsThereWithWhoWhyAndRequest()
      throws Exception {
    // Given a customer, who reads their own profile
    String surname = "Audited" + UUID.randomUUID().toString().substring(0, 6);
    String email = "it-" + UUID.randomUUID() + "@example.com";
    UUID customer = SEED.register("Ada", surname, email, null, "US");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> get("/v1/users/" + customer, TOKENS.user(customer), null).statusCode() == 200);
    UUID admin = UUID.randomUUID();
    String adminToken = TOKENS.token(admin, List.of("user", "admin"));

    // When an admin reads that customer's profile giving a reason, and searches by name
    HttpResponse<String> read = get("/v1/users/" + customer, adminToken, "ticket 7");
    assertThat(read.statusCode()).isEqualTo(200);
    HttpResponse<String> search = get("/v1/users?q=" + encoded("ada " + surname), adminToken, null);
    assertThat(search.statusCode()).isEqualTo(200);

    // Then the customer's trail holds the admin's read only, with who, why and which request
    List<JsonNode> aboutCustomer = entries("subject=" + customer, adminToken);
    assertThat(aboutCustomer).hasSize(1);
    JsonNode entry = aboutCustomer.get(0);
    assertThat(entry.path("action").asText()).isEqualTo("READ_PROFILE");
    assertThat(entry.path("actor").asText()).isEqualTo(admin.toString());
    assertThat(entry.path("reason").asText()).isEqualTo("ticket 7");
    assertThat(entry.path("requestId").asText())
        .isEqualTo(read.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(entry.path("service").asText()).isEqualTo("user-query");

    // ... the admin's trail holds the search (its shape, not its words) and the earlier read of
    // the trail (a read of the trail shows what was there when it began)
    List<JsonNode> byAdmin = entries("actor=" + admin, adminToken);
    assertThat(byAdmin)
        .extracting(e -> e.path("action").asText())
        .containsExactly("READ_AUDIT", "SEARCH_USERS", "READ_PROFILE");
    assertThat(byAdmin.get(0).path("subject").asText()).isEqualTo(customer.toString());
    assertThat(byAdmin.get(1).path("detail").asText()).startsWith("match=name_prefix");
    // ... and nothing of the customer's personal data is in it
    assertThat(byAdmin.toString())
        .doesNotContain(surname)
        .doesNotContain(email)
        .doesNotContain("Ada");
  }

  @Test
  void givenACustomerSupportOrBadParameters_whenReadingTheTrail_thenRefused() throws Exception {
    UUID customer = SEED.register("Nosy", "Customer");
    String adminToken = TOKENS.admin();

    HttpResponse<String> asCustomer =
        get("/v1/audit?subject=" + customer, TOKENS.user(customer), null);
    assertThat(asCustomer.statusCode()).isEqualTo(403);
    // support staff read and search customers, but the trail of staff acts is the admins'
    String support = TOKENS.token(UUID.randomUUID(), List.of("user", "support"));
    assertThat(get("/v1/users/" + customer, support, "ticket 3").statusCode()).isEqualTo(200);
    assertThat(get("/v1/users?q=nosy", support, null).statusCode()).isEqualTo(200);
    assertThat(get("/v1/audit?subject=" + customer, support, null).statusCode()).isEqualTo(403);

    HttpResponse<String> bad =
        get(
            "/v1/audit?from=yesterday&limit=0&before=nope&actor=" + encoded("a b"),
            adminToken,
            null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(bad.body()).contains("\"from\"", "\"limit\"", "\"before\"", "\"actor\"");

    HttpResponse<String> tooWide =
        get("/v1/audit?from=2026-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", adminToken, null);
    assertThat(tooWide.statusCode()).isEqualTo(400);
    assertThat(tooWide.body()).contains("\"from\"");

    HttpResponse<String> longReason = get("/v1/users/" + customer, adminToken, "x".repeat(201));
    assertThat(longReason.statusCode()).isEqualTo(400);
    assertThat(longReason.body()).contains("Audit-Reason").doesNotContain("Nosy");
  }
}
