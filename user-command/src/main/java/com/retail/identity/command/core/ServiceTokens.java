package com.retail.identity.command.core;

import com.retail.identity.common.crypto.Sha256;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Short-lived {@code service} tokens for the platform's own services (client credentials). Only
 * hashes of the configured secrets are kept in memory; comparison is constant-time.
 */
public final class ServiceTokens {
  static final int LIFETIME_SECONDS = 300;
  static final String OWN_CLIENT_ID = "user-command";
  private final Map<String, byte[]> secretHashes;
  private final AccessTokens tokens;

  public ServiceTokens(Map<String, String> clientSecrets, AccessTokens tokens) {
    this.secretHashes =
        clientSecrets.entrySet().stream()
            .collect(
                java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> Sha256.of(e.getValue())));
    this.tokens = tokens;
  }

  public String issue(String clientId, String clientSecret) {
    byte[] expected = secretHashes.get(clientId);
    byte[] presented = Sha256.of(clientSecret);
    if (expected == null || !MessageDigest.isEqual(expected, presented)) {
      throw new InvalidClient();
    }
    return tokens.issue(subjectOf(clientId), Set.of(Principal.SERVICE), null, LIFETIME_SECONDS);
  }

  /** A token for user-command itself, to call another platform service. */
  public String issueOwn() {
    return tokens.issue(
        subjectOf(OWN_CLIENT_ID), Set.of(Principal.SERVICE), null, LIFETIME_SECONDS);
  }

  /** A stable subject per client, so audit lines name the calling service. */
  public static UUID subjectOf(String clientId) {
    return UUID.nameUUIDFromBytes(("service:" + clientId).getBytes(StandardCharsets.UTF_8));
  }

  public int lifetimeSeconds() {
    return LIFETIME_SECONDS;
  }
}
