package com.retail.identity.command.resources;

import com.nimbusds.oauth2.sdk.AbstractOptionallyIdentifiedRequest;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.retail.identity.command.core.InvalidClient;
import com.retail.identity.command.core.InvalidGrant;
import com.retail.identity.command.core.InvalidRefreshToken;
import com.retail.identity.command.core.OidcClients;
import com.retail.identity.command.core.RedeemAuthorizationCode;
import com.retail.identity.command.core.RevokeToken;
import com.retail.identity.command.core.ServiceTokens;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth 2.0 token and revocation endpoints. Apps redeem authorization codes (with their PKCE
 * verifier) and refresh tokens; the platform's services get service tokens by client credentials.
 * Errors are the JSON of RFC 6749 §5.2 ({@code error}, {@code error_description}), never a page or
 * a problem document, so standard OAuth libraries read them.
 */
@Path("/oauth2")
@Hidden
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_JSON)
public final class OAuthTokenResource {
  private static final URI SELF = URI.create("https://localhost/oauth2/token");
  private final OidcClients clients;
  private final RedeemAuthorizationCode redeem;
  private final Sessions sessions;
  private final ServiceTokens serviceTokens;
  private final RevokeToken revoke;

  public OAuthTokenResource(
      OidcClients clients,
      RedeemAuthorizationCode redeem,
      Sessions sessions,
      ServiceTokens serviceTokens,
      RevokeToken revoke) {
    this.clients = clients;
    this.redeem = redeem;
    this.sessions = sessions;
    this.serviceTokens = serviceTokens;
    this.revoke = revoke;
  }

  @POST
  @Path("/token")
  @PublicEndpoint(
      value = "the code, refresh token or client secret in the request are the credentials",
      clientCredentials = true)
  public Response token(
      MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
    TokenRequest request;
    try {
      request = TokenRequest.parse(httpRequest(form, authorization));
    } catch (ParseException e) {
      return error(e);
    }
    try {
      if (request.getAuthorizationGrant() instanceof AuthorizationCodeGrant code) {
        RedeemAuthorizationCode.Tokens tokens =
            redeem.redeem(
                new RedeemAuthorizationCode.Redemption(
                    code.getAuthorizationCode().getValue(),
                    client(request),
                    code.getRedirectionURI() == null ? null : code.getRedirectionURI().toString(),
                    code.getCodeVerifier() == null ? null : code.getCodeVerifier().getValue()));
        OIDCTokens oidc =
            new OIDCTokens(
                tokens.idToken(),
                bearer(tokens.session(), tokens.session().scope()),
                new RefreshToken(tokens.session().refreshToken()));
        return ok(new OIDCTokenResponse(oidc).toJSONObject());
      }
      if (request.getAuthorizationGrant() instanceof RefreshTokenGrant refresh) {
        OidcClients.Client app = client(request);
        Sessions.Session session = sessions.refresh(refresh.getRefreshToken().getValue(), app.id());
        return ok(
            new AccessTokenResponse(
                    new Tokens(
                        bearer(session, session.scope()), new RefreshToken(session.refreshToken())))
                .toJSONObject());
      }
      if (request.getAuthorizationGrant() instanceof ClientCredentialsGrant) {
        if (!(request.getClientAuthentication() instanceof ClientSecretBasic)
            && !(request.getClientAuthentication() instanceof ClientSecretPost)) {
          throw new InvalidClient();
        }
        ClientAuthentication auth = request.getClientAuthentication();
        String token = serviceTokens.issue(auth.getClientID().getValue(), secretOf(auth));
        return ok(
            new AccessTokenResponse(
                    new Tokens(
                        new BearerAccessToken(token, serviceTokens.lifetimeSeconds(), null), null))
                .toJSONObject());
      }
      return error(OAuth2Error.UNSUPPORTED_GRANT_TYPE);
    } catch (InvalidClient e) {
      return invalidClient(authorization);
    } catch (InvalidGrant e) {
      return error(OAuth2Error.INVALID_GRANT.setDescription(e.getMessage()));
    } catch (InvalidRefreshToken e) {
      return error(
          OAuth2Error.INVALID_GRANT.setDescription(
              "the refresh token is unknown, expired, spent or revoked"));
    }
  }

  /**
   * RFC 7009: the token's session ends; the answer is 200 whether or not the token was known, so
   * nothing can be learnt from it.
   */
  @POST
  @Path("/revoke")
  @PublicEndpoint(
      value = "the token in the body is what is handed back; its client is named in the request",
      clientCredentials = true)
  public Response revoke(
      MultivaluedMap<String, String> form, @HeaderParam("Authorization") String authorization) {
    TokenRevocationRequest request;
    try {
      request = TokenRevocationRequest.parse(httpRequest(form, authorization));
    } catch (ParseException e) {
      return error(e);
    }
    try {
      client(request);
    } catch (InvalidClient e) {
      return invalidClient(authorization);
    }
    revoke.revoke(request.getToken().getValue());
    return Response.ok().header("Cache-Control", "no-store").build();
  }

  /** The app that sent the request: authenticated by its secret, or named if it is public. */
  private OidcClients.Client client(AbstractOptionallyIdentifiedRequest request) {
    ClientAuthentication auth = request.getClientAuthentication();
    if (auth != null) {
      return clients.authenticate(auth.getClientID().getValue(), secretOf(auth));
    }
    return clients.authenticate(idOf(request.getClientID()), null);
  }

  private static String idOf(ClientID id) {
    if (id == null) {
      throw new InvalidClient();
    }
    return id.getValue();
  }

  private static String secretOf(ClientAuthentication auth) {
    if (auth instanceof ClientSecretBasic basic) {
      return basic.getClientSecret().getValue();
    }
    if (auth instanceof ClientSecretPost post) {
      return post.getClientSecret().getValue();
    }
    throw new InvalidClient(); // private_key_jwt and the like are not offered
  }

  private static BearerAccessToken bearer(Sessions.Session session, String scope) {
    return new BearerAccessToken(
        session.accessToken(),
        session.expiresInSeconds(),
        scope == null ? null : Scope.parse(scope));
  }

  private static HTTPRequest httpRequest(MultivaluedMap<String, String> form, String authorization)
      throws ParseException {
    HTTPRequest request = new HTTPRequest(HTTPRequest.Method.POST, SELF);
    request.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    Map<String, List<String>> parameters = new LinkedHashMap<>(form == null ? Map.of() : form);
    request.setBody(URLUtils.serializeParameters(parameters));
    if (authorization != null) {
      request.setAuthorization(authorization);
    }
    return request;
  }

  private static Response ok(Map<String, Object> body) {
    return Response.ok(net.minidev.json.JSONObject.toJSONString(body))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }

  private static Response error(ParseException malformed) {
    ErrorObject error = malformed.getErrorObject();
    return error(error == null ? OAuth2Error.INVALID_REQUEST : error);
  }

  private static Response error(ErrorObject error) {
    return Response.status(error.getHTTPStatusCode() == 0 ? 400 : error.getHTTPStatusCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(error.toJSONObject().toJSONString())
        .header("Cache-Control", "no-store")
        .header("Pragma", "no-cache")
        .build();
  }

  /** 401, and a Basic challenge when the client tried Basic authentication (RFC 6749 §5.2). */
  private static Response invalidClient(String authorization) {
    Response.ResponseBuilder response =
        Response.status(401)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(OAuth2Error.INVALID_CLIENT.toJSONObject().toJSONString())
            .header("Cache-Control", "no-store");
    if (authorization != null) {
      response.header("WWW-Authenticate", "Basic realm=\"oauth2\"");
    }
    return response.build();
  }
}
