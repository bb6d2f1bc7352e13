package com.retail.identity.command.cli;

import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.command.core.AccountContacts;
import com.retail.identity.command.core.AccountWrites;
import com.retail.identity.command.core.ChangeRoles;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.SessionEnds;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraRefreshTokens;
import com.retail.identity.command.store.CassandraRoleHolders;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.platform.EndedSessionsModule;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisEndedSessions;
import java.time.Clock;
import java.time.Duration;

/**
 * The role commands' wiring: {@link ChangeRoles} over the service's own adapters and stores, as the
 * configuration file names them, without starting a server. Audit entries name {@value #SERVICE}.
 */
final class StaffRoles implements AutoCloseable {
  static final String SERVICE = "operator-cli";
  private final CassandraConnector cassandra;
  private final RedisConnector redis;
  private final ChangeRoles changeRoles;

  StaffRoles(UserCommandConfiguration configuration) {
    Clock clock = Clock.systemUTC();
    cassandra = new CassandraConnector(configuration.getCassandra());
    try {
      redis = new RedisConnector(configuration.getRedis());
    } catch (RuntimeException e) {
      cassandra.stop();
      throw e;
    }
    CassandraEventStore events =
        new CassandraEventStore(
            cassandra,
            new LogBuckets(configuration.eventLogBucket(), configuration.eventLogShards()));
    changeRoles =
        new ChangeRoles(
            new EmailKeys(configuration.emailLookupSecret()),
            CassandraEmailReservations.forRegistrations(
                cassandra, clock, configuration.getReservations().abandonedAfter()),
            new AccountWrites(new CassandraCredentials(cassandra, events)),
            new CassandraRoleHolders(cassandra),
            new SessionEnds(
                new CassandraRefreshTokens(
                    cassandra, clock, Duration.ofDays(configuration.getRefreshTokenDays())),
                new RedisEndedSessions(
                    redis, EndedSessionsModule.keepFor(configuration.getTokens()), clock)),
            new AccountContacts(
                events,
                new PersonalDataCipher(
                    new CassandraDataKeys(cassandra, configuration.getMasterKey().build()))),
            new Auditor(new CassandraAuditTrail(cassandra), clock, SERVICE),
            clock);
  }

  ChangeRoles changeRoles() {
    return changeRoles;
  }

  @Override
  public void close() {
    redis.stop();
    cassandra.stop();
  }
}
