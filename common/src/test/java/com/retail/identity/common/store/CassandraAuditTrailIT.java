package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.common.audit.AuditAction;
import com.retail.identity.common.audit.AuditEntry;
import com.retail.identity.common.audit.AuditQuery;
import com.retail.identity.common.testing.TestStack;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit trail on the real store: what is recorded is found by subject, actor and day. */
class CassandraAuditTrailIT {
  private static CassandraConnector cassandra;
  private static CassandraAuditTrail trail;

  @BeforeAll
  static void connect() {
    cassandra = new CassandraConnector(TestStack.cassandra());
    trail = new CassandraAuditTrail(cassandra);
  }

  @AfterAll
  static void close() {
    cassandra.stop();
  }

  private static AuditEntry entry(Instant at, String actor, AuditAction action, String subject) {
    return new AuditEntry(
        null, at, actor, action, subject, "req-" + UUID.randomUUID(), "ticket 42", "test", null);
  }

  @Test
  void givenActsOverTwoMonths_whenQueryingBySubject_thenTheyComeNewestFirstWithActorFilter() {
    // Given two admins acting on one customer across a month's end, and on someone else
    String subject = UUID.randomUUID().toString();
    String alice = UUID.randomUUID().toString();
    String bob = UUID.randomUUID().toString();
    Instant endOfMonth = Instant.parse("2026-10-31T23:59:00Z");
    trail.record(entry(endOfMonth, alice, AuditAction.READ_PROFILE, subject));
    trail.record(entry(endOfMonth.plusSeconds(120), bob, AuditAction.FLAG_ACCOUNT, subject));
    trail.record(entry(endOfMonth.plusSeconds(180), alice, AuditAction.ERASE_ACCOUNT, subject));
    trail.record(entry(endOfMonth.plusSeconds(200), alice, AuditAction.READ_PROFILE, "other"));
    Instant from = endOfMonth.minus(Duration.ofDays(3));
    Instant to = endOfMonth.plus(Duration.ofDays(3));

    // When asking what was done to the customer, and what alice did to them
    List<AuditEntry> all = trail.find(new AuditQuery(subject, null, from, to, null, 100));
    List<AuditEntry> byAlice = trail.find(new AuditQuery(subject, alice, from, to, null, 100));

    // Then every act on them comes back, newest first, with what was recorded
    assertThat(all)
        .extracting(AuditEntry::action)
        .containsExactly(
            AuditAction.ERASE_ACCOUNT, AuditAction.FLAG_ACCOUNT, AuditAction.READ_PROFILE);
    assertThat(all.get(0).at()).isEqualTo(endOfMonth.plusSeconds(180));
    assertThat(all.get(0).actor()).isEqualTo(alice);
    assertThat(all.get(0).reason()).isEqualTo("ticket 42");
    assertThat(all.get(0).service()).isEqualTo("test");
    assertThat(all.get(0).requestId()).startsWith("req-");
    assertThat(byAlice)
        .extracting(AuditEntry::action)
        .containsExactly(AuditAction.ERASE_ACCOUNT, AuditAction.READ_PROFILE);
  }

  @Test
  void givenManyActsByOneActor_whenPagingWithBefore_thenEveryActComesOnceInOrder() {
    // Given 25 acts of one actor, one a second apart, searches (no subject) among them
    String actor = "cli:" + UUID.randomUUID();
    Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Instant at = start.plusSeconds(i);
      times.add(0, at);
      trail.record(
          entry(at, actor, i % 2 == 0 ? AuditAction.SEARCH_USERS : AuditAction.GRANT_ROLE, null));
    }

    // When reading them 10 at a time, each page before the last entry of the one before
    List<AuditEntry> read = new ArrayList<>();
    String before = null;
    for (int page = 0; page < 5; page++) {
      List<AuditEntry> entries =
          trail.find(
              new AuditQuery(
                  null, actor, start.minusSeconds(5), Instant.now().plusSeconds(5), before, 10));
      read.addAll(entries);
      if (entries.size() < 10) {
        break;
      }
      before = entries.get(entries.size() - 1).id();
    }

    // Then all 25 came, once each, newest first; and the day's partition has them too
    assertThat(read).extracting(AuditEntry::at).containsExactlyElementsOf(times);
    assertThat(
            trail.find(
                new AuditQuery(
                    null, null, start.minusSeconds(5), Instant.now().plusSeconds(5), null, 5000)))
        .filteredOn(e -> actor.equals(e.actor()))
        .hasSize(25);
  }
}
