package com.retail.identity.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.command.core.AccountContacts;
import com.retail.identity.command.core.AuthorizationCodes;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.IdTokens;
import com.retail.identity.command.core.OidcClients;
import com.retail.identity.command.core.PendingSignIns;
import com.retail.identity.command.core.ReadUserInfo;
import com.retail.identity.command.core.RedeemAuthorizationCode;
import com.retail.identity.command.core.RefreshTokens;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.RequestPasswordReset;
import com.retail.identity.command.core.ResetPassword;
import com.retail.identity.command.core.RevokeToken;
import com.retail.identity.command.core.ServiceTokens;
import com.retail.identity.command.core.SessionEnds;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.SignOutOfApp;
import com.retail.identity.command.core.SpentCodes;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.command.resources.AuthorizationRequests;
import com.retail.identity.command.resources.AuthorizationResource;
import com.retail.identity.command.resources.EndSessionResource;
import com.retail.identity.command.resources.HostedPages;
import com.retail.identity.command.resources.OAuthTokenResource;
import com.retail.identity.command.resources.OidcDiscoveryResource;
import com.retail.identity.command.resources.PasswordResetPagesResource;
import com.retail.identity.command.resources.PasswordSignIn;
import com.retail.identity.command.resources.PhoneStepResource;
import com.retail.identity.command.resources.SignUpResource;
import com.retail.identity.command.resources.SignedIn;
import com.retail.identity.command.resources.UserInfoResource;
import com.retail.identity.command.store.CassandraSpentCodes;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.tokens.SignedJwts;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.common.tokens.TokenVerifier;
import java.time.Clock;

/**
 * Wires the OpenID Connect provider (docs/adr/0015-openid-connect-provider.md) beside {@link
 * UserCommandModule}, whose sessions, sign-in and keys it uses.
 */
final class OpenIdConnectModule extends AbstractModule {
  private final UserCommandConfiguration configuration;

  OpenIdConnectModule(UserCommandConfiguration configuration) {
    this.configuration = configuration;
  }

  private String issuer() {
    return configuration.getTokens().getIssuer();
  }

  @Provides
  @Singleton
  OidcClients oidcClients() {
    return configuration.getOidc().clients();
  }

  @Provides
  @Singleton
  SignedJwts signedJwts(SigningKeys keys, Clock clock) {
    return new SignedJwts(keys, clock);
  }

  @Provides
  @Singleton
  AuthorizationCodes authorizationCodes(SignedJwts jwts, Clock clock) {
    return new AuthorizationCodes(jwts, issuer(), clock);
  }

  @Provides
  @Singleton
  IdTokens idTokens(SignedJwts jwts, Clock clock) {
    return new IdTokens(jwts, issuer(), configuration.getTokens().getAccessTokenSeconds(), clock);
  }

  @Provides
  @Singleton
  SpentCodes spentCodes(CassandraConnector cassandra, Clock clock) {
    return new CassandraSpentCodes(cassandra, clock);
  }

  @Provides
  @Singleton
  RedeemAuthorizationCode redeemAuthorizationCode(
      AuthorizationCodes codes,
      SpentCodes spent,
      Credentials credentials,
      Sessions sessions,
      SessionEnds ends,
      IdTokens idTokens) {
    return new RedeemAuthorizationCode(codes, spent, credentials, sessions, ends, idTokens);
  }

  @Provides
  @Singleton
  RevokeToken revokeToken(RefreshTokens refreshTokens, TokenVerifier verifier, SessionEnds ends) {
    return new RevokeToken(refreshTokens, verifier, ends);
  }

  @Provides
  @Singleton
  SignOutOfApp signOutOfApp(IdTokens idTokens, SessionEnds ends) {
    return new SignOutOfApp(idTokens, ends);
  }

  @Provides
  @Singleton
  ReadUserInfo readUserInfo(AccountContacts contacts) {
    return new ReadUserInfo(contacts);
  }

  @Provides
  @Singleton
  HostedPages hostedPages() {
    return new HostedPages();
  }

  @Provides
  @Singleton
  OidcDiscoveryResource oidcDiscoveryResource() {
    return new OidcDiscoveryResource(issuer());
  }

  @Provides
  @Singleton
  AuthorizationRequests authorizationRequests(
      OidcClients clients, AuthorizationCodes codes, HostedPages pages, ObjectMapper json) {
    return new AuthorizationRequests(clients, codes, pages, json, issuer());
  }

  @Provides
  @Singleton
  PendingSignIns pendingSignIns(SignedJwts jwts, Clock clock) {
    return new PendingSignIns(jwts, issuer(), clock);
  }

  @Provides
  @Singleton
  SignedIn signedIn(
      AuthorizationRequests requests,
      PendingSignIns tickets,
      VerifyPhoneWhileSigningIn phoneStep,
      Clock clock) {
    return new SignedIn(requests, tickets, phoneStep, clock);
  }

  @Provides
  @Singleton
  PhoneStepResource phoneStepResource(
      AuthorizationRequests requests,
      PendingSignIns tickets,
      SignedIn signedIn,
      VerifyPhoneWhileSigningIn phoneStep) {
    return new PhoneStepResource(requests, tickets, signedIn, phoneStep);
  }

  @Provides
  @Singleton
  AuthorizationResource authorizationResource(
      AuthorizationRequests requests,
      SignedIn signedIn,
      PasswordSignIn signIn,
      TrustedProxies proxies) {
    return new AuthorizationResource(requests, signedIn, signIn, proxies);
  }

  @Provides
  @Singleton
  SignUpResource signUpResource(
      AuthorizationRequests requests,
      SignedIn signedIn,
      RegisterUser registerUser,
      AdmissionGate admission,
      TrustedProxies proxies) {
    return new SignUpResource(requests, signedIn, registerUser, admission, proxies);
  }

  @Provides
  @Singleton
  PasswordResetPagesResource passwordResetPagesResource(
      AuthorizationRequests requests,
      HostedPages pages,
      RequestPasswordReset requestReset,
      ResetPassword resetPassword,
      AdmissionGate admission,
      TrustedProxies proxies) {
    return new PasswordResetPagesResource(
        requests, pages, requestReset, resetPassword, admission, proxies);
  }

  @Provides
  @Singleton
  OAuthTokenResource oauthTokenResource(
      OidcClients clients,
      RedeemAuthorizationCode redeem,
      Sessions sessions,
      ServiceTokens serviceTokens,
      RevokeToken revoke) {
    return new OAuthTokenResource(clients, redeem, sessions, serviceTokens, revoke);
  }

  @Provides
  @Singleton
  UserInfoResource userInfoResource(ReadUserInfo userInfo) {
    return new UserInfoResource(userInfo);
  }

  @Provides
  @Singleton
  EndSessionResource endSessionResource(
      SignOutOfApp signOut, OidcClients clients, HostedPages pages) {
    return new EndSessionResource(signOut, clients, pages);
  }
}
