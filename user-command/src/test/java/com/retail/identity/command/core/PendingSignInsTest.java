package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.core.fakes.InMemoryCore;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ticket a hosted page carries between signing in and the phone step. */
class PendingSignInsTest {
  private final InMemoryCore core = new InMemoryCore();
  private final PendingSignIns tickets = core.pendingSignIns();
  private final UUID grace = UUID.randomUUID();
  private final Instant signedInAt = core.clock.instant();

  @AfterEach
  void close() {
    core.close();
  }

  @Test
  void givenATicket_whenTheSameBrowserPostsItForTheSameApp_thenItNamesWhoSignedInAndWhen() {
    String ticket = tickets.issue(grace, "shop-app", "browser-token", signedInAt);

    assertThat(tickets.open(ticket, "shop-app", "browser-token"))
        .hasValue(
            new PendingSignIns.PendingSignIn(
                grace, Instant.ofEpochSecond(signedInAt.getEpochSecond())));
  }

  @Test
  void givenATicket_whenAnotherBrowserOrAnotherAppPostsIt_thenItIsRefused() {
    String ticket = tickets.issue(grace, "shop-app", "browser-token", signedInAt);

    assertThat(tickets.open(ticket, "shop-app", "another-browser")).isEmpty();
    assertThat(tickets.open(ticket, "other-app", "browser-token")).isEmpty();
    assertThat(tickets.open(ticket, "shop-app", null)).isEmpty();
  }

  @Test
  void givenATicketOlderThanTenMinutes_thenItIsRefused() {
    String ticket = tickets.issue(grace, "shop-app", "browser-token", signedInAt);

    core.clock.advance(Duration.ofMinutes(11));

    assertThat(tickets.open(ticket, "shop-app", "browser-token")).isEmpty();
  }

  @Test
  void givenAnAuthorizationCodeOrATamperedTicket_thenNeitherIsATicket() {
    String code =
        core.authorizationCodes()
            .issue(grace, "shop-app", "https://shop/cb", "openid", null, "c", signedInAt, null);
    String ticket = tickets.issue(grace, "shop-app", "browser-token", signedInAt);
    String tampered = ticket.substring(0, ticket.length() - 4) + "AAAA";

    assertThat(tickets.open(code, "shop-app", "browser-token")).isEmpty();
    assertThat(tickets.open(tampered, "shop-app", "browser-token")).isEmpty();
    assertThat(tickets.open("not a ticket", "shop-app", "browser-token")).isEmpty();
  }
}
