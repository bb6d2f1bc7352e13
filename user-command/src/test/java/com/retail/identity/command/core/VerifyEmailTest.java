package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.retail.identity.command.core.fakes.InMemoryCore;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Email verification on in-memory ports: sent at registration, used once, asked for again. */
class VerifyEmailTest {
  private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
  private final InMemoryCore core = new InMemoryCore();
  private final VerifyEmail verifyEmail = core.verifyEmail();
  private final ResendEmailVerification resend = core.resendEmailVerification();
  private final UUID grace = core.registered("grace@example.com");

  @AfterEach
  void close() {
    core.close();
  }

  private List<OutboxEmailSender.Message> verificationMails() {
    return core.outbox.to("grace@example.com").stream()
        .filter(m -> m.subject().equals("Confirm your email address"))
        .toList();
  }

  private String newestToken() {
    Matcher token = TOKEN.matcher(verificationMails().get(0).body());
    assertThat(token.find()).isTrue();
    return token.group(1);
  }

  private VerifyEmail.Verified verify(String token) {
    return verifyEmail.verify(new VerifyEmail.Command(token), "c-verify");
  }

  @Test
  void givenANewCustomer_whenTheyOpenTheEmailedLink_thenTheStreamRecordsTheVerifiedAddress() {
    assertThat(verificationMails()).as("sent at registration").hasSize(1);

    VerifyEmail.Verified verified = verify(newestToken());

    assertThat(verified).isEqualTo(new VerifyEmail.Verified(grace, 2));
    assertThat(core.events.readStream(grace))
        .extracting(StoredEvent::type)
        .containsExactly(EventTypes.USER_REGISTERED, EventTypes.EMAIL_VERIFIED);
  }

  @Test
  void givenAUsedExpiredOrForgedToken_whenConfirming_thenEachGetsTheSameRefusal() {
    String token = newestToken();
    verify(token);
    UUID ada = core.registered("ada@example.com");
    core.clock.advance(OneTimeTokens.Purpose.EMAIL_VERIFICATION.life().plus(Duration.ofSeconds(1)));
    String adasExpired =
        TOKEN
            .matcher(core.outbox.to("ada@example.com").get(0).body())
            .results()
            .findFirst()
            .orElseThrow()
            .group(1);

    for (String refused : List.of(token, adasExpired, "not-a-token")) {
      assertThatThrownBy(() -> verify(refused)).as(refused).isInstanceOf(InvalidOneTimeToken.class);
    }
    assertThat(core.events.currentVersion(ada)).isEqualTo(1);
  }

  @Test
  void givenTheFirstEmailLost_whenTheCustomerAsksAgain_thenOnlyTheNewTokenWorks() {
    String first = newestToken();

    resend.resend(grace);
    String second = newestToken();

    assertThat(second).isNotEqualTo(first);
    assertThatThrownBy(() -> verify(first)).isInstanceOf(InvalidOneTimeToken.class);
    assertThat(verify(second).userId()).isEqualTo(grace);
  }

  @Test
  void givenAVerifiedAddress_whenTheCustomerAsksAgain_thenItIsRefusedAsDone() {
    verify(newestToken());

    assertThatThrownBy(() -> resend.resend(grace)).isInstanceOf(Conflict.class);
  }

  @Test
  void givenTheHoursAllowanceSpent_whenTheCustomerAsksAgain_thenItIsRefusedForAWhile() {
    for (int i = 0; i < AccountMailLimit.PER_HOUR; i++) {
      resend.resend(grace);
    }

    assertThatThrownBy(() -> resend.resend(grace)).isInstanceOf(TooManyEmails.class);
    assertThat(verificationMails()).hasSize(1 + AccountMailLimit.PER_HOUR);
  }
}
