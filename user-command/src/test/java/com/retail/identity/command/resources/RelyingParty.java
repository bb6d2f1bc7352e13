package com.retail.identity.command.resources;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;

/**
 * An app's side of OpenID Connect, done by an unmodified client library (Nimbus): discovery, the
 * authorization request with state, nonce and PKCE, the code's redemption and the ID token's
 * validation against the provider's JWKS.
 */
public final class RelyingParty {
  /** What an app holds while the customer is at the sign-in page. */
  public record Authorization(URI request, State state, Nonce nonce, CodeVerifier verifier) {}

  public final OIDCProviderMetadata provider;

  private RelyingParty(OIDCProviderMetadata provider) {
    this.provider = provider;
  }

  /** Fetches the discovery document; the library checks that it names this issuer. */
  public static RelyingParty discover(String issuer) throws Exception {
    return new RelyingParty(OIDCProviderMetadata.resolve(new Issuer(issuer)));
  }

  /** A loopback port free now: the issuer must be known before the service starts. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Authorization authorization(ClientID client, URI redirect, Scope scope) {
    return authorization(client, redirect, scope, List.of());
  }

  /** As above, asking for these authentication context classes ({@code acr_values}). */
  public Authorization authorization(ClientID client, URI redirect, Scope scope, List<ACR> acr) {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    URI request =
        new AuthenticationRequest.Builder(new ResponseType("code"), scope, client, redirect)
            .endpointURI(provider.getAuthorizationEndpointURI())
            .state(state)
            .nonce(nonce)
            .codeChallenge(verifier, CodeChallengeMethod.S256)
            .acrValues(acr.isEmpty() ? null : acr)
            .build()
            .toURI();
    return new Authorization(request, state, nonce, verifier);
  }

  /** A public app redeems its code with the verifier. */
  public TokenResponse redeem(ClientID client, AuthorizationCode code, URI redirect, CodeVerifier v)
      throws Exception {
    return OIDCTokenResponseParser.parse(
        new TokenRequest(
                provider.getTokenEndpointURI(),
                client,
                new AuthorizationCodeGrant(code, redirect, v))
            .toHTTPRequest()
            .send());
  }

  /** Signature (JWKS), issuer, audience, expiry and nonce, as the library checks them. */
  public IDTokenClaimsSet validate(ClientID client, JWT idToken, Nonce nonce) throws Exception {
    return new com.nimbusds.openid.connect.sdk.validators.IDTokenValidator(
            provider.getIssuer(), client, JWSAlgorithm.ES256, provider.getJWKSetURI().toURL())
        .validate(idToken, nonce);
  }

  /** The userinfo endpoint's claims for this access token. */
  public UserInfo userInfo(AccessToken token) throws Exception {
    UserInfoResponse response =
        UserInfoResponse.parse(
            new UserInfoRequest(provider.getUserInfoEndpointURI(), (BearerAccessToken) token)
                .toHTTPRequest()
                .send());
    if (!response.indicatesSuccess()) {
      throw new IllegalStateException(
          "userinfo refused: " + response.toErrorResponse().getErrorObject());
    }
    return response.toSuccessResponse().getUserInfo();
  }
}
