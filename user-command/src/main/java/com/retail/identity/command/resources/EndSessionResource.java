package com.retail.identity.command.resources;

import com.retail.identity.command.core.IdTokens;
import com.retail.identity.command.core.OidcClients;
import com.retail.identity.command.core.SignOutOfApp;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.util.Optional;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the session named by {@code
 * id_token_hint} ends everywhere; the browser goes back to the app only to a post-logout redirect
 * URI registered for that app, otherwise it sees the signed-out page.
 */
@Path("/oauth2/logout")
@Hidden
public final class EndSessionResource {
  private final SignOutOfApp signOut;
  private final OidcClients clients;
  private final HostedPages pages;

  public EndSessionResource(SignOutOfApp signOut, OidcClients clients, HostedPages pages) {
    this.signOut = signOut;
    this.clients = clients;
    this.pages = pages;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  @PublicEndpoint("the ID token named in the request identifies the session")
  public Response logOut(
      @QueryParam("id_token_hint") String idTokenHint,
      @QueryParam("client_id") String clientId,
      @QueryParam("post_logout_redirect_uri") String postLogoutRedirectUri,
      @QueryParam("state") String state,
      @QueryParam("ui_locales") String uiLocales,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Optional<IdTokens.Hint> ended = signOut.signOut(idTokenHint);
    Optional<String> app = ended.map(IdTokens.Hint::clientId);
    if (app.isPresent() && clientId != null && !clientId.equals(app.get())) {
      app = Optional.empty(); // the hint and client_id disagree: no redirect
    } else if (app.isEmpty()) {
      app = Optional.ofNullable(clientId);
    }
    Optional<OidcClients.Client> client = app.flatMap(clients::find);
    if (client.isPresent() && client.get().returnsAfterLogoutTo(postLogoutRedirectUri)) {
      UriBuilder back = UriBuilder.fromUri(URI.create(postLogoutRedirectUri));
      if (state != null) {
        back.queryParam("state", "{state}");
      }
      URI target = state == null ? back.build() : back.build(state);
      return Response.seeOther(target).header("Cache-Control", "no-store").build();
    }
    HostedPages.Page page =
        pages.page("message", HostedPages.languageOf(uiLocales, acceptLanguage));
    return pages.render(
        page.with("heading", pages.text(page, "signed_out_title"))
            .with("body", pages.text(page, "signed_out_body")));
  }
}
