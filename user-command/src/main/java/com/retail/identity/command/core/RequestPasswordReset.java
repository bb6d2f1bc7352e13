package com.retail.identity.command.core;

import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.domain.InvalidInput;
import com.retail.identity.common.domain.Unavailable;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer who forgot their password asks for a reset link. The answer is the same, in the same
 * time, whether or not an account uses the address: the request is only checked and queued here;
 * looking the account up, storing the token and sending the email happen on the delivery queue (ADR
 * 0008). A full queue answers {@link Unavailable} to everyone alike. An account with a verified
 * phone also gets the link by SMS (ADR 0013): a customer who lost the mailbox can still get in.
 */
public final class RequestPasswordReset {
  static final String PURPOSE = "reset";
  private static final OneTimeTokens.Purpose RESET = OneTimeTokens.Purpose.PASSWORD_RESET;
  private static final Logger LOG = LoggerFactory.getLogger(RequestPasswordReset.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  public record Command(String email) {
    @Override
    public String toString() {
      return "RequestPasswordReset.Command[redacted]";
    }
  }

  private final RegistrationRules rules;
  private final EmailKeys emailKeys;
  private final EmailReservations reservations;
  private final Credentials credentials;
  private final OneTimeTokens tokens;
  private final AccountContacts contacts;
  private final AccountMailLimit mailLimit;
  private final AccountMail mail;
  private final AccountSms sms;
  private final Executor deliveries;
  private final SecureRandom random = new SecureRandom();

  public RequestPasswordReset(
      RegistrationRules rules,
      EmailKeys emailKeys,
      EmailReservations reservations,
      Credentials credentials,
      OneTimeTokens tokens,
      AccountContacts contacts,
      AccountMailLimit mailLimit,
      AccountMail mail,
      AccountSms sms,
      Executor deliveries) {
    this.rules = rules;
    this.emailKeys = emailKeys;
    this.reservations = reservations;
    this.credentials = credentials;
    this.tokens = tokens;
    this.contacts = contacts;
    this.mailLimit = mailLimit;
    this.mail = mail;
    this.sms = sms;
    this.deliveries = deliveries;
  }

  public void request(Command command) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.email(command.email(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    String emailKey = emailKeys.keyOf(command.email());
    try {
      deliveries.execute(() -> deliver(emailKey));
    } catch (RejectedExecutionException e) {
      throw new Unavailable("Too many reset requests right now; retry shortly.", RETRY_AFTER);
    }
  }

  /** On the delivery queue: nothing of it reaches the caller. */
  void deliver(String emailKey) {
    if (!mailLimit.allowOne(PURPOSE, emailKey)) {
      return;
    }
    UUID userId = reservations.ownerOf(emailKey).orElse(null);
    if (userId == null || credentials.find(userId).isEmpty()) {
      return;
    }
    AccountContacts.Contact contact = contacts.of(userId).orElse(null);
    if (contact == null) {
      return;
    }
    OneTimeToken token = OneTimeToken.issue(userId, random);
    if (!tokens.issue(OneTimeTokens.Purpose.PASSWORD_RESET, userId, token.secretHash())) {
      return;
    }
    if (!mail.send(EmailTemplates.Kind.PASSWORD_RESET, contact, token, RESET)) {
      LOG.warn(
          "Password reset email for account {} not delivered; the customer may ask again", userId);
    }
    if (contact.verifiedPhone() != null) {
      try {
        sms.sendPasswordReset(
            userId, contact.verifiedPhone(), contact.locale(), token, RESET.life().toMinutes());
      } catch (AccountSms.NotSent e) {
        LOG.warn("Password reset SMS for account {} not sent: {}", userId, e.getMessage());
      }
    }
  }
}
