package com.retail.identity.command.core;

import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The app trades its authorization code for tokens: the code must be ours and unexpired, issued to
 * this app for this redirect URI, its PKCE verifier must match the challenge, and it must not have
 * been spent. A code presented a second time also ends the session the first use started (RFC 6749
 * §4.1.2): whoever replays it gets nothing, and neither does whoever got in first.
 */
public final class RedeemAuthorizationCode {
  /** What the app sends to the token endpoint. */
  public record Redemption(
      String code, OidcClients.Client client, String redirectUri, String codeVerifier) {
    @Override
    public String toString() {
      return "Redemption[client=" + client + "]";
    }
  }

  /** The new session's tokens (with the scope the customer granted) and its ID token. */
  public record Tokens(Sessions.Session session, String idToken) {
    @Override
    public String toString() {
      return "Tokens[" + session + "]";
    }
  }

  private final AuthorizationCodes codes;
  private final SpentCodes spent;
  private final Credentials credentials;
  private final Sessions sessions;
  private final SessionEnds ends;
  private final IdTokens idTokens;

  public RedeemAuthorizationCode(
      AuthorizationCodes codes,
      SpentCodes spent,
      Credentials credentials,
      Sessions sessions,
      SessionEnds ends,
      IdTokens idTokens) {
    this.codes = codes;
    this.spent = spent;
    this.credentials = credentials;
    this.sessions = sessions;
    this.ends = ends;
    this.idTokens = idTokens;
  }

  public Tokens redeem(Redemption redemption) {
    AuthorizationCodes.Grant grant =
        codes
            .open(redemption.code())
            .orElseThrow(() -> new InvalidGrant("the code is not valid or has expired"));
    if (!grant.clientId().equals(redemption.client().id())
        || !grant.redirectUri().equals(redemption.redirectUri())) {
      throw new InvalidGrant("the code was issued to another client or redirect URI");
    }
    // Checked before the code is spent: someone who intercepted the code without the verifier
    // cannot use it up before the app does.
    if (!verifierMatches(redemption.codeVerifier(), grant.codeChallenge())) {
      throw new InvalidGrant("the code verifier does not match the code challenge");
    }
    if (!spent.spend(grant.codeId(), grant.clientId(), grant.expiresAt())) {
      ends.end(grant.sessionId());
      throw new InvalidGrant("the code has already been used");
    }
    Credentials.Credential credential =
        credentials
            .find(grant.userId())
            .orElseThrow(() -> new InvalidGrant("the account no longer exists"));
    Sessions.Session session =
        sessions.start(credential, grant.sessionId(), grant.scope(), grant.clientId());
    return new Tokens(session, idTokens.issue(grant));
  }

  private static boolean verifierMatches(String verifier, String challenge) {
    if (verifier == null) {
      return false;
    }
    try {
      String computed =
          CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue();
      return MessageDigest.isEqual(
          computed.getBytes(StandardCharsets.US_ASCII),
          challenge.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
