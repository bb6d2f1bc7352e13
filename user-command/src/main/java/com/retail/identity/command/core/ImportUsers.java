package com.retail.identity.command.core;

import com.retail.identity.command.core.ImportedAccounts.Claim;
import com.retail.identity.command.core.ImportedAccounts.Holder;
import com.retail.identity.command.core.ImportedAccounts.NewAccount;
import com.retail.identity.command.core.ImportedAccounts.Reply;
import com.retail.identity.command.core.ImportedAccounts.VerifiedPhone;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.domain.FieldViolation;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.tokens.Principal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Imports existing customers: what a registration writes, by registration's rules, for customers
 * another system signed up. The fields are checked as a registration checks them, minus password
 * strength (the hash is the legacy one, replaced by Argon2id on the customer's first login); the
 * email is keyed as registration and login key it (docs/adr/0006); one person has one account, so
 * an address someone holds is refused and a customer listed twice is imported once; an account its
 * owner erased is never written back (docs/adr/0007); a verified phone reaches verification's
 * record (docs/adr/0204).
 *
 * <p>The user id is derived from the identity key, so running a file again finds its own earlier
 * rows: a row is done once its reservation is active, and a row whose reservation is still pending
 * (a load that stopped) is written again whole.
 *
 * <p>Built for a million customers in minutes: rows are written a chunk at a time through {@link
 * ImportedAccounts}, a few rounds of parallel requests per chunk and no request of a row's own.
 * Chunks may be written from several threads at once.
 */
public final class ImportUsers {
  /** What became of one row. */
  public enum Outcome {
    IMPORTED,
    DUPLICATE,
    TAKEN,
    /**
     * The customer erased this account: it is never written back
     * (docs/adr/0007-erasure-is-final.md).
     */
    ERASED,
    /** Not (completely) written, e.g. a store timeout: running the file again completes it. */
    FAILED
  }

  /**
   * One existing customer, as the previous system exports them; phone, phoneVerified, createdAt and
   * locale are optional.
   */
  public record ExistingCustomer(
      String email,
      String firstName,
      String lastName,
      String country,
      String phone,
      Boolean phoneVerified,
      String createdAt,
      String passwordHash,
      String locale) {
    @Override
    public String toString() {
      return "ExistingCustomer[country=" + country + "]";
    }
  }

  /** A customer who passed the checks: their identity key and the user id it gives. */
  public record Candidate(
      ExistingCustomer customer, String emailKey, UUID userId, String correlationId) {
    @Override
    public String toString() {
      return "Candidate[userId=" + userId + "]";
    }
  }

  /** The candidate, or why the customer cannot be imported (field and rule, no value). */
  public record Checked(Candidate candidate, String rejection) {}

  private final RegistrationRules rules = new RegistrationRules();
  private final EmailKeys emailKeys;
  private final ImportedAccounts accounts;
  private final PersonalDataCipher cipher;
  private final Clock clock;
  private final Duration abandonedAfter;
  private final boolean initialLoad;

  /**
   * @param abandonedAfter how old a pending reservation of another user must be to be taken over,
   *     as a registration takes it over
   * @param initialLoad nothing else registers meanwhile (sign-ups closed): reservations and phone
   *     records are written without atomic conditions, a quarter of the store's work
   */
  public ImportUsers(
      EmailKeys emailKeys,
      ImportedAccounts accounts,
      PersonalDataCipher cipher,
      Clock clock,
      Duration abandonedAfter,
      boolean initialLoad) {
    this.emailKeys = emailKeys;
    this.accounts = accounts;
    this.cipher = cipher;
    this.clock = clock;
    this.abandonedAfter = abandonedAfter;
    this.initialLoad = initialLoad;
  }

  /** A load of one file: it remembers the identity keys it has admitted. For one reading thread. */
  public Load load() {
    return new Load();
  }

  public final class Load {
    private final Set<String> admitted = new HashSet<>();

    private Load() {}

    /** Checks a customer; a second customer with an email this load admitted already is refused. */
    public Checked check(ExistingCustomer customer, String correlationId) {
      String rejection = rejectionOf(customer);
      if (rejection != null) {
        return new Checked(null, rejection);
      }
      String emailKey = emailKeys.keyOf(customer.email());
      if (!admitted.add(emailKey)) {
        return new Checked(null, "email appears earlier in this file");
      }
      return new Checked(
          new Candidate(customer, emailKey, userIdFor(emailKey), correlationId), null);
    }
  }

  /**
   * Registration's field rules minus password strength, plus the import's own fields; null when
   * none is broken.
   */
  String rejectionOf(ExistingCustomer customer) {
    List<FieldViolation> errors = RegistrationRules.errors();
    rules.email(customer.email(), errors);
    rules.name("firstName", customer.firstName(), true, errors);
    rules.name("lastName", customer.lastName(), true, errors);
    rules.country(customer.country(), true, errors);
    rules.phone(emptyToNull(customer.phone()), errors);
    rules.locale(emptyToNull(customer.locale()), errors);
    if (!PasswordHashes.isSupported(customer.passwordHash())) {
      errors.add(
          new FieldViolation("passwordHash", "must be a bcrypt, PBKDF2-SHA256 or Argon2id hash"));
    }
    if (customer.createdAt() != null && !customer.createdAt().isBlank()) {
      try {
        Instant.parse(customer.createdAt());
      } catch (DateTimeParseException e) {
        errors.add(
            new FieldViolation(
                "createdAt", "must be an ISO-8601 instant, e.g. 2019-04-01T10:15:30Z"));
      }
    }
    if (Boolean.TRUE.equals(customer.phoneVerified()) && emptyToNull(customer.phone()) == null) {
      errors.add(new FieldViolation("phoneVerified", "needs a phone"));
    }
    return errors.isEmpty()
        ? null
        : errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
  }

  /**
   * Writes a chunk of candidates; the outcome of each, in order ({@link Outcome#FAILED}: run the
   * file again).
   */
  public List<Outcome> write(List<Candidate> chunk) {
    Outcome[] outcomes = new Outcome[chunk.size()];
    // Erasure is final: a customer who erased their account is not written back, whatever the file
    // says.
    List<Reply<Boolean>> erased = accounts.erased(chunk.stream().map(Candidate::emailKey).toList());
    for (int i = 0; i < chunk.size(); i++) {
      Reply<Boolean> reply = erased.get(i);
      if (reply.failed()) {
        outcomes[i] = Outcome.FAILED;
      } else if (reply.value()) {
        outcomes[i] = Outcome.ERASED;
      }
    }
    reserve(chunk, outcomes);

    List<Integer> rows = open(outcomes);
    List<Boolean> written =
        accounts.open(rows.stream().map(i -> newAccount(chunk.get(i))).toList());
    failUnless(written, rows, outcomes);

    // Verification's record of the phones the previous system verified (one phone, one account, for
    // migrated customers too): before the confirm, so a row whose record failed is written again.
    List<Integer> withPhones = new ArrayList<>();
    List<VerifiedPhone> phones = new ArrayList<>();
    for (int i : open(outcomes)) {
      String phone = verifiedPhone(chunk.get(i).customer());
      if (phone != null) {
        withPhones.add(i);
        phones.add(
            new VerifiedPhone(chunk.get(i).userId(), phone, createdAt(chunk.get(i).customer())));
      }
    }
    if (!phones.isEmpty()) {
      failUnless(accounts.recordVerifiedPhones(phones, !initialLoad), withPhones, outcomes);
    }

    // Last the reservations, confirmed: from here on a row counts as imported.
    rows = open(outcomes);
    List<Boolean> confirmed =
        accounts.confirm(rows.stream().map(i -> claimOf(chunk.get(i))).toList());
    failUnless(confirmed, rows, outcomes);
    for (int i : open(outcomes)) {
      outcomes[i] = Outcome.IMPORTED;
    }
    return Arrays.asList(outcomes);
  }

  /**
   * One person, one account: takes each open row's identity key, or finds who holds it. A key held
   * by this user's active reservation is a row imported before; one held pending by this user is a
   * load that stopped, written again whole; one held by another user is theirs, unless a
   * registration died holding it.
   */
  private void reserve(List<Candidate> chunk, Outcome[] outcomes) {
    List<Integer> rows = open(outcomes);
    List<Reply<Optional<Holder>>> holders =
        initialLoad
            ? accounts.holders(rows.stream().map(i -> chunk.get(i).emailKey()).toList())
            : accounts.reserve(rows.stream().map(i -> claimOf(chunk.get(i))).toList());
    for (int r = 0; r < rows.size(); r++) {
      int i = rows.get(r);
      Reply<Optional<Holder>> reply = holders.get(r);
      if (reply.failed()) {
        outcomes[i] = Outcome.FAILED;
        continue;
      }
      Optional<Holder> held = reply.value();
      if (held.isEmpty()) {
        continue; // ours now
      }
      Candidate candidate = chunk.get(i);
      if (!candidate.userId().equals(held.get().userId())) {
        outcomes[i] =
            !initialLoad && abandoned(held.get()) ? takeOver(candidate, held.get()) : Outcome.TAKEN;
      } else if (!held.get().pending()) {
        outcomes[i] = Outcome.DUPLICATE;
      } // else our own pending reservation from a load that stopped: write the row whole
    }
  }

  private boolean abandoned(Holder holder) {
    return holder.pending()
        && holder.reservedAt() != null
        && holder.reservedAt().isBefore(clock.instant().minus(abandonedAfter));
  }

  /**
   * A registration that died half way left the key pending: take it over, as a registration would.
   */
  private Outcome takeOver(Candidate candidate, Holder abandoned) {
    try {
      return accounts.takeOver(claimOf(candidate), abandoned) ? null : Outcome.TAKEN;
    } catch (RuntimeException e) {
      return Outcome.FAILED;
    }
  }

  private NewAccount newAccount(Candidate candidate) {
    ExistingCustomer customer = candidate.customer();
    UUID userId = candidate.userId();
    String phone = RegistrationRules.e164(emptyToNull(customer.phone()));
    PersonalData pii =
        new PersonalData(
            EmailKeys.storedForm(customer.email()),
            customer.firstName().strip(),
            customer.lastName().strip(),
            phone);
    Instant createdAt = createdAt(customer);
    Instant now = clock.instant();
    return new NewAccount(
        userId,
        candidate.correlationId(),
        key ->
            new UserEvents.UserImported(
                    cipher.seal(userId, key, pii),
                    customer.country(),
                    emptyToNull(customer.locale()),
                    Boolean.TRUE.equals(customer.phoneVerified()),
                    createdAt,
                    now)
                .toEvent(),
        new Credentials.Credential(
            userId, candidate.emailKey(), customer.passwordHash(), Set.of(Principal.USER), 1));
  }

  /** When the account was created: the customer's {@code createdAt}, else now. */
  private Instant createdAt(ExistingCustomer customer) {
    return customer.createdAt() == null || customer.createdAt().isBlank()
        ? clock.instant()
        : Instant.parse(customer.createdAt());
  }

  /**
   * The phone the previous system verified, in E.164, or null. When it was verified is not
   * exported; the account's creation is the earliest it can have been, and ranks the customer
   * before every account that verified the same phone on this platform
   * (docs/adr/0204-imported-verified-phones.md).
   */
  static String verifiedPhone(ExistingCustomer customer) {
    return Boolean.TRUE.equals(customer.phoneVerified())
        ? RegistrationRules.e164(emptyToNull(customer.phone()))
        : null;
  }

  /**
   * The user id of an imported customer: derived from the identity key, so a second run finds the
   * first.
   */
  public static UUID userIdFor(String emailKey) {
    return UUID.nameUUIDFromBytes(("imported:" + emailKey).getBytes(StandardCharsets.UTF_8));
  }

  private static Claim claimOf(Candidate candidate) {
    return new Claim(candidate.emailKey(), candidate.userId());
  }

  /** The rows no outcome has settled yet. */
  private static List<Integer> open(Outcome[] outcomes) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i] == null) {
        rows.add(i);
      }
    }
    return rows;
  }

  private static void failUnless(List<Boolean> done, List<Integer> rows, Outcome[] outcomes) {
    for (int r = 0; r < rows.size(); r++) {
      if (!done.get(r)) {
        outcomes[rows.get(r)] = Outcome.FAILED;
      }
    }
  }

  private static String emptyToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
