package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Registered apps: exact redirect URIs, and a secret only where the app can keep one. */
class OidcClientsTest {
  private final OidcClients clients =
      new OidcClients(
          List.of(
              OidcClients.Client.registered(
                  "shop-app",
                  null,
                  List.of("com.retail.shop:/oauth2/callback", "http://127.0.0.1:8089/callback"),
                  List.of("com.retail.shop:/signed-out")),
              OidcClients.Client.registered(
                  "shop-web", "s3cret", List.of("https://www.retail.example/cb"), List.of())));

  @Test
  void givenARegisteredRedirectUri_thenOnlyTheExactStringMatches() {
    OidcClients.Client app = clients.find("shop-app").orElseThrow();

    assertThat(app.redirectsTo("com.retail.shop:/oauth2/callback")).isTrue();
    assertThat(app.redirectsTo("com.retail.shop:/oauth2/callback/../x")).isFalse();
    assertThat(app.redirectsTo("com.retail.shop:/oauth2/callback?next=evil")).isFalse();
    assertThat(app.redirectsTo("http://127.0.0.1:8089/callback#x")).isFalse();
    assertThat(app.redirectsTo("HTTP://127.0.0.1:8089/callback")).isFalse();
    assertThat(app.redirectsTo(null)).isFalse();
    assertThat(app.returnsAfterLogoutTo("com.retail.shop:/signed-out")).isTrue();
    assertThat(app.returnsAfterLogoutTo("com.retail.shop:/oauth2/callback")).isFalse();
  }

  @Test
  void givenAPublicApp_thenItAuthenticatesWithoutASecretAndNeverWithOne() {
    assertThat(clients.authenticate("shop-app", null).isPublic()).isTrue();
    assertThatThrownBy(() -> clients.authenticate("shop-app", "anything"))
        .isInstanceOf(InvalidClient.class);
  }

  @Test
  void givenAConfidentialApp_thenOnlyItsSecretAuthenticatesIt() {
    assertThat(clients.authenticate("shop-web", "s3cret").id()).isEqualTo("shop-web");
    assertThatThrownBy(() -> clients.authenticate("shop-web", null))
        .isInstanceOf(InvalidClient.class);
    assertThatThrownBy(() -> clients.authenticate("shop-web", "s3cret "))
        .isInstanceOf(InvalidClient.class);
    assertThatThrownBy(() -> clients.authenticate("nobody", null))
        .isInstanceOf(InvalidClient.class);
  }

  @Test
  void givenARedirectUriThatCouldLeakCodes_thenTheConfigurationIsRefused() {
    for (String bad :
        List.of(
            "http://www.retail.example/cb", "https://www.retail.example/cb#frag", "/relative")) {
      assertThatThrownBy(() -> OidcClients.Client.registered("x", null, List.of(bad), List.of()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
