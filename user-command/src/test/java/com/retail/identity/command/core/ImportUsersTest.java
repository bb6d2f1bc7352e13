package com.retail.identity.command.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.command.core.ImportUsers.Candidate;
import com.retail.identity.command.core.ImportUsers.ExistingCustomer;
import com.retail.identity.command.core.ImportUsers.Outcome;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The import's rules over an in-memory stand-in for its stores; the real stores are in
 * event-replayer's ImportIT.
 */
class ImportUsersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BCRYPT = "$2a$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyz012";
  private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
  private final TestClock clock = new TestClock(Instant.parse("2027-03-01T12:00:00Z"));
  private final EmailKeys emailKeys =
      new EmailKeys("a-lookup-secret-of-at-least-32-bytes!".getBytes(StandardCharsets.UTF_8));
  private final MemoryKeys keys = new MemoryKeys();
  private final MemoryAccounts accounts = new MemoryAccounts();

  private ImportUsers importUsers(boolean initialLoad) {
    return new ImportUsers(
        emailKeys, accounts, new PersonalDataCipher(keys), clock, ABANDONED_AFTER, initialLoad);
  }

  private static ExistingCustomer customer(String email) {
    return new ExistingCustomer(
        email, " Ada ", "Lovelace", "GB", null, null, "2019-04-01T10:15:30Z", BCRYPT, "en-GB");
  }

  private static ExistingCustomer withPhone(String email, String phone, boolean verified) {
    return new ExistingCustomer(
        email, "Ada", "Lovelace", "DE", phone, verified, "2019-04-01T10:15:30Z", BCRYPT, null);
  }

  private Candidate admit(ImportUsers.Load load, ExistingCustomer customer) {
    ImportUsers.Checked checked = load.check(customer, "import:test:" + customer.email());
    assertThat(checked.rejection()).as(customer.email()).isNull();
    return checked.candidate();
  }

  @Test
  void aCustomerBreakingRegistrationsRulesIsRefusedNamingEachField() {
    // Given a customer with a bad email, no last name, an unknown country, an unsupported hash and
    // a verified phone without a phone
    ExistingCustomer bad =
        new ExistingCustomer(
            "not-an-email", "Ada", " ", "XX", null, true, "yesterday", "md5:0123", null);

    // When it is checked
    ImportUsers.Checked checked = importUsers(false).load().check(bad, "c");

    // Then each broken rule is named by its field, and no value is quoted
    assertThat(checked.candidate()).isNull();
    assertThat(checked.rejection())
        .contains(
            "email ",
            "lastName ",
            "country ",
            "passwordHash ",
            "createdAt ",
            "phoneVerified needs a phone")
        .doesNotContain("not-an-email", "md5:0123");
  }

  @Test
  void anAddressListedTwiceInAnotherSpellingIsImportedOnce() {
    // Given a load that admitted an address
    ImportUsers.Load load = importUsers(false).load();
    Candidate first = admit(load, customer("ada@example.com"));

    // When the same address comes again in full-width upper case
    ImportUsers.Checked again = load.check(customer("ＡＤＡ＠ＥＸＡＭＰＬＥ．ＣＯＭ"), "c2");

    // Then it is refused as a repeat, and the user id is the one the identity key gives
    assertThat(again.rejection()).isEqualTo("email appears earlier in this file");
    assertThat(first.userId()).isEqualTo(ImportUsers.userIdFor(emailKeys.keyOf("ada@example.com")));
  }

  @Test
  void aFreeAddressIsWrittenWholeSealedAndConfirmedLast() {
    // Given a customer nobody holds
    ImportUsers importUsers = importUsers(false);
    Candidate candidate = admit(importUsers.load(), customer("grace@example.com"));

    // When the chunk is written
    List<Outcome> outcomes = importUsers.write(List.of(candidate));

    // Then it is imported: a UserImported event whose personal data opens with the user's fresh
    // key, a legacy credential,
    // and an active reservation
    assertThat(outcomes).containsExactly(Outcome.IMPORTED);
    MemoryAccounts.Opened opened = accounts.opened.get(candidate.userId());
    assertThat(opened.event().type()).isEqualTo(EventTypes.USER_IMPORTED);
    JsonNode payload = read(opened.event().payload());
    assertThat(payload.path("country").asText()).isEqualTo("GB");
    assertThat(payload.path("createdAt").asText()).isEqualTo("2019-04-01T10:15:30Z");
    assertThat(
            new PersonalDataCipher(keys)
                .open(candidate.userId(), payload.path("pii").asText(), PersonalData.class))
        .map(PersonalData::firstName)
        .contains("Ada");
    assertThat(opened.credential().passwordHash()).isEqualTo(BCRYPT);
    assertThat(opened.credential().emailKey()).isEqualTo(candidate.emailKey());
    assertThat(accounts.reservations.get(candidate.emailKey()))
        .isEqualTo(new Reservation(candidate.userId(), false, clock.instant()));
  }

  @Test
  void erasedTakenImportedAndStoppedRowsEachGetTheirOutcome() {
    // Given four customers: one erased their account, one address a registration holds, one
    // imported already,
    // and one a stopped load left pending
    ImportUsers importUsers = importUsers(false);
    ImportUsers.Load load = importUsers.load();
    Candidate erased = admit(load, customer("erased@example.com"));
    Candidate taken = admit(load, customer("taken@example.com"));
    Candidate imported = admit(load, customer("imported@example.com"));
    Candidate stopped = admit(load, customer("stopped@example.com"));
    accounts.tombstones.add(erased.emailKey());
    accounts.reservations.put(
        taken.emailKey(),
        new Reservation(UUID.randomUUID(), false, clock.instant().minusSeconds(3600)));
    accounts.reservations.put(
        imported.emailKey(), new Reservation(imported.userId(), false, clock.instant()));
    accounts.reservations.put(
        stopped.emailKey(), new Reservation(stopped.userId(), true, clock.instant()));

    // When the chunk is written
    List<Outcome> outcomes = importUsers.write(List.of(erased, taken, imported, stopped));

    // Then only the stopped row is written (again, whole), and nothing is written for the others
    assertThat(outcomes)
        .containsExactly(Outcome.ERASED, Outcome.TAKEN, Outcome.DUPLICATE, Outcome.IMPORTED);
    assertThat(accounts.opened.keySet()).containsExactly(stopped.userId());
    assertThat(accounts.reservations.get(erased.emailKey())).isNull();
  }

  @Test
  void aReservationARegistrationAbandonedIsTakenOverButNotAFreshOne() {
    // Given two addresses held pending by registrations: one long ago (it died), one just now
    ImportUsers importUsers = importUsers(false);
    ImportUsers.Load load = importUsers.load();
    Candidate abandoned = admit(load, customer("abandoned@example.com"));
    Candidate registering = admit(load, customer("registering@example.com"));
    accounts.reservations.put(
        abandoned.emailKey(),
        new Reservation(
            UUID.randomUUID(), true, clock.instant().minus(ABANDONED_AFTER).minusSeconds(1)));
    accounts.reservations.put(
        registering.emailKey(), new Reservation(UUID.randomUUID(), true, clock.instant()));

    // When the chunk is written
    List<Outcome> outcomes = importUsers.write(List.of(abandoned, registering));

    // Then the abandoned one is taken over and imported; the live registration keeps its address
    assertThat(outcomes).containsExactly(Outcome.IMPORTED, Outcome.TAKEN);
    assertThat(accounts.reservations.get(abandoned.emailKey()).userId())
        .isEqualTo(abandoned.userId());
  }

  @Test
  void anInitialLoadReadsReservationsPlainlyAndTakesNothingOver() {
    // Given an initial load, and an address a dead registration left pending long ago
    ImportUsers importUsers = importUsers(true);
    ImportUsers.Load load = importUsers.load();
    Candidate free = admit(load, customer("free@example.com"));
    Candidate abandoned = admit(load, customer("left@example.com"));
    accounts.reservations.put(
        abandoned.emailKey(),
        new Reservation(UUID.randomUUID(), true, clock.instant().minus(Duration.ofDays(1))));

    // When the chunk is written
    List<Outcome> outcomes = importUsers.write(List.of(free, abandoned));

    // Then nothing was reserved atomically, and the held address is refused as taken
    assertThat(outcomes).containsExactly(Outcome.IMPORTED, Outcome.TAKEN);
    assertThat(accounts.atomicReservations).isZero();
  }

  @Test
  void aRowWhoseWriteFailedIsNeitherConfirmedNorCountedAndTheOthersGoOn() {
    // Given two customers, and the stores failing the account writes of one of them
    ImportUsers importUsers = importUsers(false);
    ImportUsers.Load load = importUsers.load();
    Candidate failing = admit(load, customer("failing@example.com"));
    Candidate fine = admit(load, customer("fine@example.com"));
    accounts.failOpen.add(failing.userId());

    // When the chunk is written
    List<Outcome> outcomes = importUsers.write(List.of(failing, fine));

    // Then the failed row is left pending for the next run, and the other is imported
    assertThat(outcomes).containsExactly(Outcome.FAILED, Outcome.IMPORTED);
    assertThat(accounts.reservations.get(failing.emailKey()).pending()).isTrue();
  }

  @Test
  void onlyAVerifiedPhoneReachesThePhoneRecordInE164AsOfTheAccountsCreation() {
    // Given a customer with a verified phone written with its trunk prefix, and one with an
    // unverified phone
    ImportUsers importUsers = importUsers(false);
    ImportUsers.Load load = importUsers.load();
    Candidate verified = admit(load, withPhone("verified@example.com", "+49015123456789", true));
    Candidate unverified =
        admit(load, withPhone("unverified@example.com", "+4915123456780", false));

    // When the chunk is written
    assertThat(importUsers.write(List.of(verified, unverified))).containsOnly(Outcome.IMPORTED);

    // Then only the verified phone is recorded, normalised, as of the account's creation,
    // atomically
    assertThat(accounts.phones)
        .containsExactly(
            new ImportedAccounts.VerifiedPhone(
                verified.userId(), "+4915123456789", Instant.parse("2019-04-01T10:15:30Z")));
    assertThat(accounts.phonesContended).isTrue();
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record Reservation(UUID userId, boolean pending, Instant reservedAt) {}

  /** The import's stores in memory: reservations, tombstones, opened accounts, phone records. */
  private final class MemoryAccounts implements ImportedAccounts {
    record Opened(NewEvent event, Credentials.Credential credential) {}

    final Map<String, Reservation> reservations = new HashMap<>();
    final Set<String> tombstones = new HashSet<>();
    final Map<UUID, Opened> opened = new HashMap<>();
    final Set<UUID> failOpen = new HashSet<>();
    final List<VerifiedPhone> phones = new ArrayList<>();
    boolean phonesContended;
    int atomicReservations;

    @Override
    public List<Reply<Boolean>> erased(List<String> emailKeys) {
      return emailKeys.stream().map(k -> Reply.of(tombstones.contains(k))).toList();
    }

    @Override
    public List<Reply<Optional<Holder>>> reserve(List<Claim> claims) {
      List<Reply<Optional<Holder>>> replies = new ArrayList<>();
      for (Claim claim : claims) {
        atomicReservations++;
        Reservation held = reservations.get(claim.emailKey());
        if (held == null) {
          reservations.put(
              claim.emailKey(), new Reservation(claim.userId(), true, clock.instant()));
          replies.add(Reply.of(Optional.empty()));
        } else {
          replies.add(
              Reply.of(Optional.of(new Holder(held.userId(), held.pending(), held.reservedAt()))));
        }
      }
      return replies;
    }

    @Override
    public List<Reply<Optional<Holder>>> holders(List<String> emailKeys) {
      return emailKeys.stream()
          .map(
              k ->
                  Reply.of(
                      Optional.ofNullable(reservations.get(k))
                          .map(r -> new Holder(r.userId(), r.pending(), r.reservedAt()))))
          .toList();
    }

    @Override
    public boolean takeOver(Claim claim, Holder abandoned) {
      Reservation held = reservations.get(claim.emailKey());
      if (held == null || !held.pending() || !held.userId().equals(abandoned.userId())) {
        return false;
      }
      reservations.put(claim.emailKey(), new Reservation(claim.userId(), true, clock.instant()));
      return true;
    }

    @Override
    public List<Boolean> open(List<NewAccount> accounts) {
      List<Boolean> written = new ArrayList<>();
      for (NewAccount account : accounts) {
        if (failOpen.contains(account.userId())) {
          written.add(false);
          continue;
        }
        NewEvent event = account.sealedEvent().apply(keys.createFresh(account.userId()));
        opened.put(account.userId(), new Opened(event, account.credential()));
        written.add(true);
      }
      return written;
    }

    @Override
    public List<Boolean> recordVerifiedPhones(List<VerifiedPhone> verified, boolean contended) {
      phones.addAll(verified);
      phonesContended = contended;
      return verified.stream().map(p -> true).toList();
    }

    @Override
    public List<Boolean> confirm(List<Claim> claims) {
      claims.forEach(
          c -> reservations.put(c.emailKey(), new Reservation(c.userId(), false, clock.instant())));
      return claims.stream().map(c -> true).toList();
    }
  }

  private static final class MemoryKeys implements DataKeys {
    private final Map<UUID, SecretKey> keys = new ConcurrentHashMap<>();

    @Override
    public SecretKey getOrCreate(UUID userId) {
      return keys.computeIfAbsent(userId, this::newKey);
    }

    @Override
    public SecretKey createFresh(UUID userId) {
      SecretKey key = newKey(userId);
      keys.put(userId, key);
      return key;
    }

    @Override
    public Optional<SecretKey> find(UUID userId) {
      return Optional.ofNullable(keys.get(userId));
    }

    @Override
    public void destroy(UUID userId) {
      keys.remove(userId);
    }

    private SecretKey newKey(UUID userId) {
      byte[] bytes = new byte[32];
      new java.security.SecureRandom().nextBytes(bytes);
      return new SecretKeySpec(bytes, "AES");
    }
  }
}
