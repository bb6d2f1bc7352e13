package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.RefreshTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Refresh tokens with the real ones' rules: one family per login, each token good for one rotation
 * until it expires, and a token presented again (stolen or replayed) revokes its whole family.
 */
public final class MemoryRefreshTokens implements RefreshTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Token(UUID familyId, UUID userId, boolean rotated, Instant expiresAt) {}

  private final Map<String, Token> tokens = new HashMap<>();
  private final Map<UUID, Boolean> familyRevoked = new HashMap<>();
  private final Map<UUID, String> familyScope = new HashMap<>();
  private final Map<UUID, String> familyClient = new HashMap<>();
  private final Map<UUID, Set<UUID>> familiesOfUser = new HashMap<>();
  private final Clock clock;
  private final Duration lifetime;

  public MemoryRefreshTokens(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  @Override
  public synchronized String startFamily(
      UUID userId, UUID familyId, String scope, String clientId) {
    familyRevoked.put(familyId, false);
    if (scope != null) {
      familyScope.put(familyId, scope);
    }
    if (clientId != null) {
      familyClient.put(familyId, clientId);
    }
    familiesOfUser.computeIfAbsent(userId, u -> new HashSet<>()).add(familyId);
    return newToken(userId, familyId);
  }

  @Override
  public synchronized Rotation rotate(String refreshToken, String clientId) {
    Token token = tokens.get(refreshToken);
    if (token == null || token.expiresAt().isBefore(clock.instant())) {
      return new Refused(false);
    }
    if (familyRevoked.getOrDefault(token.familyId(), true)
        || !Objects.equals(clientId, familyClient.get(token.familyId()))) {
      return new Refused(false);
    }
    if (token.rotated()) {
      revokeFamily(token.familyId());
      return new Refused(true);
    }
    tokens.put(refreshToken, new Token(token.familyId(), token.userId(), true, token.expiresAt()));
    return new Rotated(
        token.userId(),
        token.familyId(),
        newToken(token.userId(), token.familyId()),
        familyScope.get(token.familyId()));
  }

  @Override
  public synchronized Optional<UUID> familyOf(String refreshToken) {
    Token token = tokens.get(refreshToken);
    return token == null || token.expiresAt().isBefore(clock.instant())
        ? Optional.empty()
        : Optional.of(token.familyId());
  }

  @Override
  public synchronized void revokeFamily(UUID familyId) {
    familyRevoked.put(familyId, true);
  }

  @Override
  public synchronized List<UUID> revokeAll(UUID userId, UUID keep) {
    List<UUID> revoked = new ArrayList<>();
    for (UUID familyId : familiesOfUser.getOrDefault(userId, Set.of())) {
      if (!familyId.equals(keep)) {
        revokeFamily(familyId);
        revoked.add(familyId);
      }
    }
    return revoked;
  }

  private String newToken(UUID userId, UUID familyId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tokens.put(token, new Token(familyId, userId, false, clock.instant().plus(lifetime)));
    return token;
  }
}
