package com.retail.identity.command.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandApplication;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operators' role commands, run as {@code java -jar user-command.jar <command> ... <config>}
 * would run them, on the real stores next to a running user-command: a granted role is in the
 * account's next token, listed and audited as the operator's; a revoke ends the account's sessions;
 * refusals fail the command saying why.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RoleCommandsIT {
  static final DropwizardAppExtension<UserCommandConfiguration> COMMAND =
      UserCommandApp.extension();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = TestStack.localConfigOf("user-command");

  /** What one run answered: its failure, what it printed, what the command line reported. */
  record Run(Optional<Throwable> failure, String out, String err) {}

  private static synchronized Run run(String... args) {
    UserCommandApplication application = new UserCommandApplication();
    Bootstrap<UserCommandConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new ArrayList<>(List.of(args));
      all.add(CONFIG);
      Optional<Throwable> failure =
          new Cli(
                  new JarLocation(RoleCommandsIT.class),
                  bootstrap,
                  new PrintStream(out, true, StandardCharsets.UTF_8),
                  new PrintStream(err, true, StandardCharsets.UTF_8))
              .run(all.toArray(String[]::new));
      return new Run(
          failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(console);
    }
  }

  private static List<String> rolesIn(String accessToken) throws Exception {
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
    List<String> roles = new ArrayList<>();
    claims.path("roles").forEach(role -> roles.add(role.asText()));
    return roles;
  }

  @Test
  void givenACustomer_whenGrantedSupportThenRevoked_thenTokensListingSessionsAndAuditFollow()
      throws Exception {
    // Given a customer of the platform
    Http http = new Http(COMMAND.getLocalPort());
    String email = "staff-" + UUID.randomUUID() + "@example.com";
    String userId = http.register(email);
    Instant before = Instant.now().minusSeconds(5);

    // When an operator grants them support
    Run granted = run("grant-role", "--email", email, "--role", "support", "--reason", "hire 7");

    // Then their next sign-in carries the role, and they are listed as a holder
    assertThat(granted.failure()).as(granted.err()).isEmpty();
    assertThat(granted.out()).contains("granted support to " + userId);
    JsonNode session = http.logIn(email, UserCommandApp.PASSWORD);
    assertThat(rolesIn(session.get("accessToken").asText())).contains("user", "support");
    Run listed = run("list-roles", "--role", "support");
    assertThat(listed.failure()).as(listed.err()).isEmpty();
    assertThat(listed.out()).contains(userId + "  " + email);

    // When the role is revoked
    Run revoked = run("revoke-role", "--email", email, "--role", "support");

    // Then the session that carried it is over, and they are listed no more
    assertThat(revoked.failure()).as(revoked.err()).isEmpty();
    assertThat(revoked.out()).contains("revoked support from " + userId);
    HttpResponse<String> refresh =
        http.post(
            "/v1/sessions/refresh",
            "{\"refreshToken\":\"" + session.get("refreshToken").asText() + "\"}");
    assertThat(refresh.statusCode()).isEqualTo(401);
    assertThat(run("list-roles", "--role", "support").out()).doesNotContain(userId);

    // And both acts are in the audit trail as the operator's
    try (CassandraConnector cassandra = new CassandraConnector(TestStack.cassandra())) {
      List<AuditEntry> trail =
          new CassandraAuditTrail(cassandra)
              .find(new AuditQuery(userId, null, before, Instant.now().plusSeconds(5), null, 10));
      assertThat(trail)
          .extracting(AuditEntry::action)
          .containsExactly(AuditAction.REVOKE_ROLE, AuditAction.GRANT_ROLE);
      assertThat(trail.get(1).reason()).isEqualTo("hire 7");
      assertThat(trail.get(1).actor()).startsWith("cli:");
      assertThat(trail.get(1).service()).isEqualTo(StaffRoles.SERVICE);
    }
  }

  @Test
  void givenAnUnknownEmailOrARoleThatIsNoStaffRole_thenTheCommandFailsSayingWhy() {
    Run unknown =
        run(
            "grant-role",
            "--email",
            "nobody-" + UUID.randomUUID() + "@example.com",
            "--role",
            "admin");
    assertThat(unknown.failure()).isPresent();
    assertThat(unknown.err()).contains("No account signs in with this email.");

    Run service = run("grant-role", "--email", "a@example.com", "--role", "service");
    assertThat(service.failure()).isPresent();
    assertThat(service.err()).contains("role: must be one of [admin, support]");
  }
}
