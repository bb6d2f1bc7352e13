package com.retail.identity.command.resources;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.claims.ACR;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.retail.identity.command.core.VerifyPhoneWhileSigningIn;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OpenID Connect Discovery: where an app's OIDC library (AppAuth, oidc-client, Nimbus) finds every
 * endpoint and what the platform supports. Endpoints are under the issuer URL, so the issuer is
 * configured as the platform's public address.
 */
@Path("/.well-known/openid-configuration")
@Hidden
public final class OidcDiscoveryResource {
  private final String document;

  public OidcDiscoveryResource(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    OIDCProviderMetadata metadata =
        new OIDCProviderMetadata(
            new Issuer(issuer),
            List.of(SubjectType.PUBLIC),
            URI.create(base + "/.well-known/jwks.json"));
    metadata.setAuthorizationEndpointURI(URI.create(base + "/oauth2/authorize"));
    metadata.setTokenEndpointURI(URI.create(base + "/oauth2/token"));
    metadata.setUserInfoEndpointURI(URI.create(base + "/oauth2/userinfo"));
    metadata.setRevocationEndpointURI(URI.create(base + "/oauth2/revoke"));
    metadata.setEndSessionEndpointURI(URI.create(base + "/oauth2/logout"));
    metadata.setScopes(new Scope(AuthorizationRequests.SCOPES.toArray(String[]::new)));
    metadata.setResponseTypes(List.of(ResponseType.CODE));
    metadata.setResponseModes(List.of(ResponseMode.QUERY));
    metadata.setGrantTypes(
        List.of(
            GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS));
    metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
    metadata.setTokenEndpointAuthMethods(
        List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            ClientAuthenticationMethod.NONE));
    metadata.setRevocationEndpointAuthMethods(
        List.of(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            ClientAuthenticationMethod.NONE));
    metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.ES256));
    metadata.setClaims(
        List.of(
            "sub",
            "iss",
            "aud",
            "exp",
            "iat",
            "auth_time",
            "nonce",
            "sid",
            "acr",
            "email",
            "email_verified",
            "given_name",
            "family_name",
            "locale",
            "phone_number",
            "phone_number_verified"));
    metadata.setUILocales(languages());
    metadata.setACRs(List.of(new ACR(VerifyPhoneWhileSigningIn.ACR)));
    metadata.setSupportsAuthorizationResponseIssuerParam(true);
    this.document = metadata.toJSONObject().toJSONString();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @PublicEndpoint("the provider's public description, for every app's OIDC library")
  public Response discovery() {
    CacheControl cache = new CacheControl();
    cache.setMaxAge(3600);
    return Response.ok(document).cacheControl(cache).build();
  }

  private static List<LangTag> languages() {
    List<LangTag> tags = new ArrayList<>();
    for (Locale language : HostedPages.LANGUAGES) {
      try {
        tags.add(LangTag.parse(language.toLanguageTag()));
      } catch (LangTagException e) {
        throw new IllegalStateException(e);
      }
    }
    return tags;
  }
}
