package com.retail.identity.command.core;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an account email (reset, verification) to the account's own address in its language, and
 * tries again after a failed send: a mail service that is down for a minute delays the message
 * instead of losing it. Runs on a delivery thread, never on a request's.
 */
public final class AccountMail {
  private static final Logger LOG = LoggerFactory.getLogger(AccountMail.class);

  /** Waits before the second and third tries. */
  static final List<Duration> RETRIES = List.of(Duration.ofSeconds(2), Duration.ofSeconds(10));

  private final EmailTemplates templates;
  private final EmailSender sender;
  private final Sleeper sleeper;

  /** How a delivery thread waits between tries (tests do not wait). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());
  }

  public AccountMail(EmailTemplates templates, EmailSender sender, Sleeper sleeper) {
    this.templates = templates;
    this.sender = sender;
    this.sleeper = sleeper;
  }

  /** True once the mail service accepted the message; false after the last failed try. */
  public boolean send(
      EmailTemplates.Kind kind,
      AccountContacts.Contact contact,
      OneTimeToken token,
      OneTimeTokens.Purpose purpose) {
    EmailSender.Email email =
        templates.render(kind, contact.email(), contact.locale(), token.text(), purpose.life());
    for (int attempt = 0; ; attempt++) {
      try {
        sender.send(email);
        return true;
      } catch (EmailSender.EmailFailed e) {
        LOG.warn("{} email not accepted (try {}): {}", kind, attempt + 1, e.getMessage());
        if (attempt >= RETRIES.size()) {
          return false;
        }
        try {
          sleeper.sleep(RETRIES.get(attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }
}
