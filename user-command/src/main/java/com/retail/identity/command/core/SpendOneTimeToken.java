package com.retail.identity.command.core;

import com.retail.identity.common.domain.Conflict;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.domain.StaleVersion;
import java.util.UUID;

/**
 * How an emailed one-time token is used (a reset, a verification): the change it allows is written
 * at the version the token was read at, in the write that clears the token, so the token works
 * once. The credential is read before the token: a token still pending after that read was not yet
 * used at the version read. Of two uses racing, the second finds the version moved, reads again and
 * finds the token gone. Malformed, forged, expired, used or replaced: one {@link
 * InvalidOneTimeToken}.
 */
public final class SpendOneTimeToken {
  private static final int ATTEMPTS = 3;

  /** The change the token allows, written at {@code credential.streamVersion()}. */
  @FunctionalInterface
  public interface Use<T> {
    /**
     * @throws StaleVersion when another change landed first (the token is read again)
     */
    T apply(Credentials.Credential credential);
  }

  private final AccountWrites accounts;
  private final OneTimeTokens tokens;

  public SpendOneTimeToken(AccountWrites accounts, OneTimeTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  public <T> T spend(String text, OneTimeTokens.Purpose purpose, Use<T> use) {
    OneTimeToken token = OneTimeToken.parse(text).orElseThrow(InvalidOneTimeToken::new);
    UUID userId = token.userId();
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Credentials.Credential credential;
      try {
        credential = accounts.live(userId);
      } catch (NotFound erasedOrUnknown) {
        throw new InvalidOneTimeToken();
      }
      if (!token.matches(tokens.pending(purpose, userId).orElse(null))) {
        throw new InvalidOneTimeToken();
      }
      try {
        return use.apply(credential);
      } catch (StaleVersion raced) {
        // another change landed first: read again, and the token may be gone
      }
    }
    throw new Conflict("The account is being changed by another request; retry.");
  }
}
