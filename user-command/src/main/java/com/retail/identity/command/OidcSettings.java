package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.retail.identity.command.core.OidcClients;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * The apps that sign customers in through OpenID Connect
 * (docs/adr/0015-openid-connect-provider.md):
 *
 * <pre>
 * oidc:
 *   clients:
 *     - clientId: retail-ios                      # a public client: no secret, PKCE binds its codes
 *       redirectUris: [com.retail.shop:/oauth2/callback]
 *       postLogoutRedirectUris: [com.retail.shop:/signed-out]
 *     - clientId: retail-web
 *       secret: ${RETAIL_WEB_CLIENT_SECRET}       # a confidential client (a web back end)
 *       redirectUris: [https://www.retail.example/auth/callback]
 * </pre>
 *
 * Redirect URIs are matched exactly, never by prefix or pattern.
 */
public class OidcSettings {
  @JsonProperty @Valid @NotNull private List<Client> clients = List.of();

  public List<Client> getClients() {
    return clients;
  }

  public OidcClients clients() {
    return new OidcClients(
        clients.stream()
            .map(
                c ->
                    OidcClients.Client.registered(
                        c.clientId, c.secret, c.redirectUris, c.postLogoutRedirectUris))
            .toList());
  }

  /** One registered app. */
  public static class Client {
    @JsonProperty
    @NotEmpty
    @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "letters, digits, '.', '_' or '-'")
    private String clientId;

    /** Null for a public client (a mobile or single-page app that cannot keep a secret). */
    @JsonProperty private String secret;

    @JsonProperty @NotEmpty private List<@NotEmpty String> redirectUris = List.of();

    @JsonProperty @NotNull private List<@NotEmpty String> postLogoutRedirectUris = List.of();
  }
}
