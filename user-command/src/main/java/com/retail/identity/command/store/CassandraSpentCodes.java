package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.SpentCodes;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Spent authorization codes: one conditional insert per redemption (a lightweight transaction, so
 * two instances redeeming the same code at once cannot both win), kept a while past the code's
 * expiry and then dropped by TTL.
 */
public final class CassandraSpentCodes implements SpentCodes {
  /** Past the code's own expiry, for clocks that disagree. */
  private static final Duration KEPT_AFTER_EXPIRY = Duration.ofMinutes(5);

  private final Session session;
  private final Clock clock;
  private final PreparedStatement spend;

  public CassandraSpentCodes(CassandraConnector cassandra, Clock clock) {
    this.session = cassandra.session();
    this.clock = clock;
    // Not idempotent: a retry of an insert that did apply would answer "already spent".
    this.spend =
        session.prepare(
            "INSERT INTO "
                + cassandra.keyspace()
                + ".spent_authorization_codes (code_id, client_id) VALUES (?, ?)"
                + " IF NOT EXISTS USING TTL ?");
  }

  @Override
  public boolean spend(UUID codeId, String clientId, Instant expiresAt) {
    long ttl =
        Math.max(
            1, Duration.between(clock.instant(), expiresAt.plus(KEPT_AFTER_EXPIRY)).toSeconds());
    return session.execute(spend.bind(codeId, clientId, (int) ttl)).wasApplied();
  }
}
