package com.retail.identity.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.ErasureTail;
import com.retail.identity.command.core.RefreshTokens;
import com.retail.identity.command.core.ReservationAttempts;
import com.retail.identity.command.core.ReservationReaper;
import com.retail.identity.command.core.SessionEnds;
import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.crypto.MasterKeySettings;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraDataKeys;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisEndedSessions;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.testing.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The reaper against real Cassandra, on registrations left in each state a failure can leave them
 * (a keyspace of its own, so its lease and attempts are this test's). Its clock runs ahead of the
 * stores' so every attempt made here is past the abandonment window.
 */
class ReservationReaperIT {
  private static final Duration WINDOW = Duration.ofMinutes(2);
  private static final CassandraConnector CASSANDRA = connect();
  private static final Clock NOW = Clock.systemUTC();
  private static final CassandraEmailReservations RESERVATIONS =
      CassandraEmailReservations.forRegistrations(CASSANDRA, NOW, WINDOW);
  private static final CassandraEventStore EVENTS =
      new CassandraEventStore(CASSANDRA, new LogBuckets(Duration.ofMinutes(1)));
  private static final CassandraCredentials CREDENTIALS =
      new CassandraCredentials(CASSANDRA, EVENTS);
  private static final CassandraRefreshTokens REFRESH =
      new CassandraRefreshTokens(CASSANDRA, NOW, Duration.ofDays(1));
  private static final RedisConnector REDIS = redis();
  private static final SessionEnds SESSION_ENDS =
      new SessionEnds(REFRESH, new RedisEndedSessions(REDIS, Duration.ofMinutes(16), NOW));
  private static final CassandraDataKeys KEYS =
      new CassandraDataKeys(CASSANDRA, new LocalMasterKey("local-1", MasterKeySettings.LOCAL_KEY));

  @AfterAll
  static void close() {
    CASSANDRA.close();
    REDIS.stop();
  }

  private static CassandraConnector connect() {
    CassandraSettings settings = TestStack.cassandra();
    settings.setKeyspace(TestStack.keyspace() + "_reaper");
    return new CassandraConnector(settings);
  }

  private static RedisConnector redis() {
    RedisSettings settings = new RedisSettings();
    settings.setPort(TestStack.redisPort());
    settings.setKeyPrefix(TestStack.env("REDIS_KEY_PREFIX", "it:manual:") + "reaper-it:");
    return new RedisConnector(settings);
  }

  private static ReservationReaper reaper(Duration ahead, MetricRegistry metrics) {
    return new ReservationReaper(
        RESERVATIONS,
        new CassandraJobLease(CASSANDRA),
        "reaper-it",
        EVENTS,
        CREDENTIALS,
        new ErasureTail(new CassandraErasedEmails(CASSANDRA), KEYS, SESSION_ENDS, RESERVATIONS),
        Clock.offset(NOW, ahead),
        WINDOW,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        metrics);
  }

  private static String emailKey() {
    return "key-" + UUID.randomUUID();
  }

  /**
   * Reserves and writes the stream with its credential, as a registration does up to {@code
   * UserRegistered}.
   */
  private static void registeredUpToTheEvent(String emailKey, UUID user) {
    assertThat(RESERVATIONS.reserve(emailKey, user))
        .isEqualTo(EmailReservations.Reservation.RESERVED);
    KEYS.createFresh(user);
    CREDENTIALS.open(
        new Credentials.Credential(user, emailKey, "$argon2id$x", Set.of("user"), 1),
        "it",
        List.of(new UserEvents.UserRegistered("sealed", "US", "en-US", Instant.now()).toEvent()));
  }

  private static boolean erased(UUID user) {
    List<StoredEvent> stream = EVENTS.readStream(user);
    return EventTypes.USER_ERASED.equals(stream.get(stream.size() - 1).type());
  }

  @Test
  void
      givenRegistrationsLeftHalfDone_whenTheReaperPasses_thenNoReservationIsLeftWithoutAUserNorAUserWithoutOne() {
    // A registration that died after reserving: no stream
    String noStream = emailKey();
    UUID ghost = UUID.randomUUID();
    RESERVATIONS.reserve(noStream, ghost);
    // One that died after writing its stream and credential, before confirming
    String unconfirmed = emailKey();
    UUID halfMade = UUID.randomUUID();
    registeredUpToTheEvent(unconfirmed, halfMade);
    // One that released its reservation although its stream had been written
    String released = emailKey();
    UUID orphan = UUID.randomUUID();
    registeredUpToTheEvent(released, orphan);
    RESERVATIONS.release(released, orphan);
    // And a complete registration
    String complete = emailKey();
    UUID customer = UUID.randomUUID();
    registeredUpToTheEvent(complete, customer);
    RESERVATIONS.confirm(complete, customer);

    MetricRegistry metrics = new MetricRegistry();
    ReservationReaper reaper = reaper(WINDOW.plusMinutes(1), metrics);
    int cleaned = reaper.pass();

    assertThat(RESERVATIONS.holding(noStream)).isEmpty();
    assertThat(RESERVATIONS.holding(unconfirmed)).isEmpty();
    assertThat(erased(halfMade)).isTrue();
    assertThat(KEYS.find(halfMade)).isEmpty();
    assertThat(CREDENTIALS.find(halfMade).map(Credentials.Credential::passwordHash)).isEmpty();
    assertThat(erased(orphan)).isTrue();
    assertThat(RESERVATIONS.holding(complete))
        .map(ReservationAttempts.Holding::pending)
        .contains(false);
    assertThat(erased(customer)).isFalse();
    assertThat(cleaned).isEqualTo(4);
    assertThat(metrics.counter("reservations.reaper.removed").getCount()).isEqualTo(2);
    assertThat(metrics.counter("reservations.reaper.erased").getCount()).isEqualTo(2);

    // Passes over the same attempts again (after a handover: from the lookback) change nothing
    assertThat(reaper.pass()).isZero();
    assertThat(reaper(WINDOW.plusMinutes(1), new MetricRegistry()).pass()).isZero();
  }

  @Test
  void
      givenAnErasureThatDiedAfterItsEvent_whenTheReaperPasses_thenItsDataKeySessionsAndEmailAreFreedToo() {
    String emailKey = emailKey();
    UUID customer = UUID.randomUUID();
    registeredUpToTheEvent(emailKey, customer);
    RESERVATIONS.confirm(emailKey, customer);
    String refresh = REFRESH.startFamily(customer, UUID.randomUUID());
    // The erasure as EraseAccount makes it, up to the crash point after its event
    RESERVATIONS.noteErasure(emailKey, customer);
    CREDENTIALS.append(
        customer,
        1,
        "it",
        List.of(new UserEvents.UserErased(Instant.now()).toEvent()),
        new Credentials.Change.Erased());
    // And an erasure refused by its precondition: noted, but no event
    String keptKey = emailKey();
    UUID kept = UUID.randomUUID();
    registeredUpToTheEvent(keptKey, kept);
    RESERVATIONS.confirm(keptKey, kept);
    RESERVATIONS.noteErasure(keptKey, kept);

    reaper(WINDOW.plusMinutes(1), new MetricRegistry()).pass();

    assertThat(CREDENTIALS.find(customer)).isEmpty();
    assertThat(KEYS.find(customer)).isEmpty();
    assertThat(RESERVATIONS.holding(emailKey)).isEmpty();
    assertThat(REFRESH.rotate(refresh)).isNotInstanceOf(RefreshTokens.Rotated.class);
    assertThat(KEYS.find(kept)).isPresent();
    assertThat(RESERVATIONS.holding(keptKey))
        .map(ReservationAttempts.Holding::pending)
        .contains(false);
  }

  @Test
  void aPendingReservationInsideTheWindowIsLeftToItsRegistration() {
    String emailKey = emailKey();
    UUID user = UUID.randomUUID();
    RESERVATIONS.reserve(emailKey, user);

    reaper(Duration.ZERO, new MetricRegistry()).pass();

    assertThat(RESERVATIONS.holding(emailKey))
        .map(ReservationAttempts.Holding::userId)
        .contains(user);
    RESERVATIONS.confirm(emailKey, user);
  }

  @Test
  void theConditionalRemovalSparesAReservationConfirmedMeanwhile() {
    String emailKey = emailKey();
    UUID user = UUID.randomUUID();
    RESERVATIONS.reserve(emailKey, user);
    RESERVATIONS.confirm(emailKey, user);

    assertThat(RESERVATIONS.removePending(emailKey, user)).isFalse();
    assertThat(RESERVATIONS.holding(emailKey))
        .map(ReservationAttempts.Holding::pending)
        .isEqualTo(Optional.of(false));
  }
}
