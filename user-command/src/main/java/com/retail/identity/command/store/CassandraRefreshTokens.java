package com.retail.identity.command.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.RefreshTokens;
import com.retail.identity.common.crypto.Sha256;
import com.retail.identity.common.store.CassandraConnector;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Refresh tokens in Cassandra; rows expire with their tokens (TTL), so the table does not grow. */
public final class CassandraRefreshTokens implements RefreshTokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Session session;
  private final Clock clock;
  private final Duration lifetime;
  private final PreparedStatement insertFamily;
  private final PreparedStatement insertUserFamily;
  private final PreparedStatement insertToken;
  private final PreparedStatement selectToken;
  private final PreparedStatement markRotated;
  private final PreparedStatement selectFamily;
  private final PreparedStatement revokeFamily;
  private final PreparedStatement selectUserFamilies;

  public CassandraRefreshTokens(CassandraConnector cassandra, Clock clock, Duration lifetime) {
    this.session = cassandra.session();
    this.clock = clock;
    this.lifetime = lifetime;
    String ks = cassandra.keyspace();
    int ttl = (int) lifetime.toSeconds();
    insertFamily =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".refresh_families (family_id, user_id, revoked, created_at, scope,"
                    + " client_id) VALUES (?, ?, false, ?, ?, ?) USING TTL "
                    + ttl)
            .setIdempotent(true);
    insertUserFamily =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".user_refresh_families (user_id, family_id) VALUES (?, ?)"
                    + " USING TTL "
                    + ttl)
            .setIdempotent(true);
    insertToken =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".refresh_tokens (token_hash, family_id, user_id, rotated, expires_at)"
                    + " VALUES (?, ?, ?, false, ?) USING TTL "
                    + ttl)
            .setIdempotent(true);
    selectToken =
        session
            .prepare(
                "SELECT family_id, user_id, rotated, expires_at FROM "
                    + ks
                    + ".refresh_tokens WHERE token_hash = ?")
            .setIdempotent(true);
    markRotated =
        session.prepare(
            "UPDATE "
                + ks
                + ".refresh_tokens SET rotated = true WHERE token_hash = ? IF rotated = false");
    selectFamily =
        session
            .prepare(
                "SELECT revoked, scope, client_id FROM "
                    + ks
                    + ".refresh_families WHERE family_id = ?")
            .setIdempotent(true);
    revokeFamily =
        session
            .prepare("UPDATE " + ks + ".refresh_families SET revoked = true WHERE family_id = ?")
            .setIdempotent(true);
    selectUserFamilies =
        session
            .prepare("SELECT family_id FROM " + ks + ".user_refresh_families WHERE user_id = ?")
            .setIdempotent(true);
  }

  @Override
  public String startFamily(UUID userId, UUID familyId, String scope, String clientId) {
    String token = randomToken();
    // Independent rows: written at once, one wait instead of three round trips. The token is
    // returned only when all three are stored.
    List<ResultSetFuture> writes =
        List.of(
            session.executeAsync(familyRow(familyId, userId, scope, clientId)),
            session.executeAsync(insertUserFamily.bind(userId, familyId)),
            session.executeAsync(tokenRow(token, userId, familyId)));
    writes.forEach(ResultSetFuture::getUninterruptibly);
    return token;
  }

  /**
   * A JSON login has no scope nor app: those columns are left unset (protocol v4), not written as
   * null, which would leave tombstones per login.
   */
  private BoundStatement familyRow(UUID familyId, UUID userId, String scope, String clientId) {
    BoundStatement row = insertFamily.bind().setUUID(0, familyId).setUUID(1, userId);
    row.setTimestamp(2, Date.from(clock.instant()));
    if (scope != null) {
      row.setString(3, scope);
    }
    if (clientId != null) {
      row.setString(4, clientId);
    }
    return row;
  }

  private String newToken(UUID userId, UUID familyId) {
    String token = randomToken();
    session.execute(tokenRow(token, userId, familyId));
    return token;
  }

  private static String randomToken() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private BoundStatement tokenRow(String token, UUID userId, UUID familyId) {
    return insertToken.bind(
        hash(token), familyId, userId, Date.from(clock.instant().plus(lifetime)));
  }

  @Override
  public Rotation rotate(String refreshToken, String clientId) {
    String tokenHash = hash(refreshToken);
    Row token = session.execute(selectToken.bind(tokenHash)).one();
    if (token == null || token.getTimestamp("expires_at").toInstant().isBefore(clock.instant())) {
      return new Refused(false);
    }
    UUID familyId = token.getUUID("family_id");
    Row family = session.execute(selectFamily.bind(familyId)).one();
    if (family == null
        || family.getBool("revoked")
        || !Objects.equals(clientId, family.getString("client_id"))) {
      return new Refused(false);
    }
    // The conditional update makes rotation single-use even when two refreshes race: one wins,
    // the other is treated as the replay it looks like.
    if (token.getBool("rotated") || !session.execute(markRotated.bind(tokenHash)).wasApplied()) {
      revokeFamily(familyId);
      return new Refused(true);
    }
    UUID userId = token.getUUID("user_id");
    return new Rotated(userId, familyId, newToken(userId, familyId), family.getString("scope"));
  }

  @Override
  public Optional<UUID> familyOf(String refreshToken) {
    Row token = session.execute(selectToken.bind(hash(refreshToken))).one();
    if (token == null || token.getTimestamp("expires_at").toInstant().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(token.getUUID("family_id"));
  }

  @Override
  public void revokeFamily(UUID familyId) {
    session.execute(revokeFamily.bind(familyId));
  }

  @Override
  public List<UUID> revokeAll(UUID userId, UUID keep) {
    List<UUID> revoked = new ArrayList<>();
    for (Row row : session.execute(selectUserFamilies.bind(userId))) {
      UUID familyId = row.getUUID("family_id");
      if (!familyId.equals(keep)) {
        revokeFamily(familyId);
        revoked.add(familyId);
      }
    }
    return revoked;
  }

  static String hash(String token) {
    return HexFormat.of().formatHex(Sha256.of(token));
  }
}
