package com.retail.identity.command.core;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a customer is asked to prove their address: a one-time token (stored by the caller, in the
 * write that opens the account or on a resend) and an email with its link, queued for delivery off
 * the request thread. A full queue drops the email, never the registration: the customer can ask
 * for it again.
 */
public final class EmailVerification {
  static final OneTimeTokens.Purpose PURPOSE = OneTimeTokens.Purpose.EMAIL_VERIFICATION;
  private static final Logger LOG = LoggerFactory.getLogger(EmailVerification.class);

  private final AccountMail mail;
  private final Executor deliveries;
  private final SecureRandom random = new SecureRandom();

  public EmailVerification(AccountMail mail, Executor deliveries) {
    this.mail = mail;
    this.deliveries = deliveries;
  }

  public OneTimeToken newToken(UUID userId) {
    return OneTimeToken.issue(userId, random);
  }

  public void send(OneTimeToken token, AccountContacts.Contact contact) {
    try {
      deliveries.execute(
          () -> {
            if (!mail.send(EmailTemplates.Kind.EMAIL_VERIFICATION, contact, token, PURPOSE)) {
              LOG.warn(
                  "Verification email for account {} not delivered; the customer may ask again",
                  token.userId());
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.warn(
          "Verification email for account {} not queued (delivery queue full); the customer may"
              + " ask again",
          token.userId());
    }
  }
}
