package com.retail.identity.command.core;

import com.retail.identity.common.crypto.Sha256;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The apps registered to sign customers in through OpenID Connect. A redirect URI matches only as
 * registered, character for character (no prefix, no pattern): nobody can make the platform send a
 * customer, or a code, anywhere else.
 */
public final class OidcClients {
  /** One app: public (no secret; its codes are bound by PKCE) or confidential. */
  public record Client(
      String id, byte[] secretHash, Set<String> redirectUris, Set<String> postLogoutRedirectUris) {
    public static Client registered(
        String id,
        String secret,
        Collection<String> redirectUris,
        Collection<String> postLogoutRedirectUris) {
      redirectUris.forEach(uri -> requireRedirectable(id, uri));
      postLogoutRedirectUris.forEach(uri -> requireRedirectable(id, uri));
      return new Client(
          id,
          secret == null ? null : Sha256.of(secret),
          Set.copyOf(redirectUris),
          Set.copyOf(postLogoutRedirectUris));
    }

    public boolean isPublic() {
      return secretHash == null;
    }

    public boolean redirectsTo(String uri) {
      return uri != null && redirectUris.contains(uri);
    }

    public boolean returnsAfterLogoutTo(String uri) {
      return uri != null && postLogoutRedirectUris.contains(uri);
    }

    @Override
    public String toString() {
      return "Client[" + id + (isPublic() ? ", public" : ", confidential") + "]";
    }
  }

  private final Map<String, Client> clients;

  public OidcClients(List<Client> clients) {
    this.clients =
        clients.stream().collect(Collectors.toUnmodifiableMap(Client::id, Function.identity()));
  }

  public Optional<Client> find(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
  }

  /**
   * The client that presents these credentials: a confidential one must bring its secret (compared
   * in constant time), a public one must bring none.
   */
  public Client authenticate(String clientId, String secret) {
    Client client = find(clientId).orElseThrow(InvalidClient::new);
    if (client.isPublic()) {
      if (secret != null) {
        throw new InvalidClient();
      }
      return client;
    }
    if (secret == null || !MessageDigest.isEqual(client.secretHash(), Sha256.of(secret))) {
      throw new InvalidClient();
    }
    return client;
  }

  /** Absolute, without a fragment (RFC 6749 §3.1.2); plain http only to a loopback address. */
  private static void requireRedirectable(String clientId, String uri) {
    try {
      URI parsed = new URI(uri);
      boolean loopbackHttp =
          "http".equalsIgnoreCase(parsed.getScheme())
              && Set.of("127.0.0.1", "localhost", "[::1]").contains(parsed.getHost());
      if (!parsed.isAbsolute()
          || parsed.getFragment() != null
          || ("http".equalsIgnoreCase(parsed.getScheme()) && !loopbackHttp)) {
        throw new IllegalArgumentException(
            "client "
                + clientId
                + ": redirect URI "
                + uri
                + " must be absolute, without a fragment, and https unless to loopback");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "client " + clientId + ": redirect URI " + uri + " is not a URI", e);
    }
  }
}
