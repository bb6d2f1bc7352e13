package com.retail.identity.command.core;

import com.retail.identity.common.domain.Conflict;
import java.util.UUID;

/**
 * The signed-in customer asks for a new verification email (the first expired or never came). A new
 * token replaces the old one; at most {@link AccountMailLimit#PER_HOUR} an hour.
 */
public final class ResendEmailVerification {
  static final String PURPOSE = "verify";

  private final AccountWrites accounts;
  private final AccountContacts contacts;
  private final OneTimeTokens tokens;
  private final AccountMailLimit mailLimit;
  private final EmailVerification verification;

  public ResendEmailVerification(
      AccountWrites accounts,
      AccountContacts contacts,
      OneTimeTokens tokens,
      AccountMailLimit mailLimit,
      EmailVerification verification) {
    this.accounts = accounts;
    this.contacts = contacts;
    this.tokens = tokens;
    this.mailLimit = mailLimit;
    this.verification = verification;
  }

  public void resend(UUID userId) {
    Credentials.Credential credential = accounts.live(userId);
    AccountContacts.Contact contact = contacts.of(userId).orElseThrow(AccountWrites::noSuchUser);
    if (contact.emailVerified()) {
      throw new Conflict("The email address is already verified.");
    }
    if (!mailLimit.allowOne(PURPOSE, credential.emailKey())) {
      throw new TooManyEmails(mailLimit.timeLeft(PURPOSE, credential.emailKey()));
    }
    OneTimeToken token = verification.newToken(userId);
    if (!tokens.issue(EmailVerification.PURPOSE, userId, token.secretHash())) {
      throw AccountWrites.noSuchUser();
    }
    verification.send(token, contact);
  }
}
