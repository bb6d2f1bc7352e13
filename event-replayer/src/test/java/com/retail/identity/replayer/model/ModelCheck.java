package com.retail.identity.replayer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.ImportUsers;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.query.testing.ReadStores;
import com.retail.identity.replayer.model.Journal.Action;
import com.retail.identity.replayer.model.Journal.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The model a history is checked against, once every client has finished. Every account a history
 * may have touched is looked at in the stores: the ids the API answered, the ids an import derives
 * from each spelling's lookup key, and the holders of those keys' reservations. Then:
 *
 * <ul>
 *   <li>the API kept its word: no server error, an {@code If-Match} that is not a version is never
 *       accepted, an accepted one answers the next version, and every acknowledged change is in its
 *       account's stream at the version it was acknowledged with, holding what was sent;
 *   <li>every stream's versions are 1..n without gaps, start with its registration or import, and
 *       end at an erasure if they have one;
 *   <li>one live account per identity (the email NFKC-normalised, case-folded and trimmed);
 *   <li>no orphan reservation (active without its live account, or pending once every call has
 *       answered) and no orphan credential (a live credential without a live stream);
 *   <li>the read models equal the fold of the streams, once the projection has caught up: a live
 *       account's cache and search documents at the stream's version with its fields, none for an
 *       erased one.
 * </ul>
 */
final class ModelCheck {
  private static final Set<String> CREATIONS =
      Set.of(EventTypes.USER_REGISTERED, EventTypes.USER_IMPORTED);
  private final Stores stores;
  private final EmailKeys emailKeys;
  private final Duration abandonedAfter;

  ModelCheck(Stores stores, EmailKeys emailKeys, Duration abandonedAfter) {
    this.stores = stores;
    this.emailKeys = emailKeys;
    this.abandonedAfter = abandonedAfter;
  }

  /**
   * The profile a stream folds to, as this model reads the events (independently of user-query's
   * fold).
   */
  record Profile(long version, String email, String firstName, String lastName, String country) {}

  /** One account as the stores hold it. */
  record Account(
      UUID userId,
      List<StoredEvent> stream,
      Optional<Stores.Credential> credential,
      boolean hasDataKey,
      Optional<Profile> profile,
      Map<Long, PersonalData> sealed,
      List<Long> unreadable) {
    boolean created() {
      return stream.stream().anyMatch(e -> CREATIONS.contains(e.type()));
    }

    boolean erased() {
      return stream.stream().anyMatch(e -> EventTypes.USER_ERASED.equals(e.type()));
    }

    boolean live() {
      return created() && !erased();
    }

    List<Long> versions() {
      return stream.stream().map(StoredEvent::seq).toList();
    }

    String describe() {
      return userId.toString().substring(0, 8)
          + " "
          + stream.stream()
              .map(e -> e.seq() + ":" + e.type())
              .collect(Collectors.joining(" ", "[", "]"))
          + " credential "
          + credential
              .map(c -> c.live() ? "live" : c.erased() ? "erased" : "without hash")
              .orElse("none");
    }
  }

  /** Everything found wrong, each line naming the invariant it breaks. */
  List<String> violations(Journal journal, List<String> emails, Duration projectionWait) {
    List<String> found = new ArrayList<>();
    List<Call> calls = journal.calls();
    Set<String> keys =
        emails.stream().map(emailKeys::keyOf).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, Stores.Reservation> reservations = new LinkedHashMap<>();
    keys.forEach(key -> stores.reservation(key).ifPresent(r -> reservations.put(key, r)));

    Set<UUID> ids = new LinkedHashSet<>();
    calls.stream().map(Call::userId).filter(Objects::nonNull).forEach(ids::add);
    keys.forEach(key -> ids.add(ImportUsers.userIdFor(key)));
    reservations.values().forEach(r -> ids.add(r.userId()));
    PersonalDataCipher cipher = stores.cipher();
    Map<UUID, Account> accounts = new LinkedHashMap<>();
    for (UUID id : ids) {
      Account account = read(id, cipher);
      if (!account.stream().isEmpty() || account.credential().isPresent()) {
        accounts.put(id, account);
      }
    }

    apiKeptItsWord(calls, found);
    acknowledgedChangesKept(calls, accounts, found);
    importsKept(calls, accounts, found);
    long uncertain = calls.stream().filter(Call::uncertain).count();
    streams(accounts.values(), uncertain == 0, found);
    onePersonOneAccount(accounts.values(), found);
    if (uncertain == 0) {
      reservations(accounts, reservations, found);
      credentials(accounts.values(), found);
    } else {
      // A registration cut short is settled by the reservation reaper minutes later, not before
      // this check.
      System.out.println(
          "  "
              + uncertain
              + " calls without a certain outcome: reservations and credentials not checked");
    }
    readModels(accounts.values(), projectionWait, found);
    if (!found.isEmpty()) {
      found.add(
          "accounts: "
              + accounts.values().stream()
                  .map(Account::describe)
                  .collect(Collectors.joining("; ")));
    }
    return found;
  }

  private Account read(UUID userId, PersonalDataCipher cipher) {
    List<StoredEvent> stream = stores.stream(userId);
    Map<Long, PersonalData> sealed = new LinkedHashMap<>();
    List<Long> unreadable = new ArrayList<>();
    for (StoredEvent event : stream) {
      try {
        pii(event)
            .flatMap(pii -> cipher.open(userId, pii, PersonalData.class))
            .ifPresent(data -> sealed.put(event.seq(), data));
      } catch (RuntimeException e) {
        unreadable.add(event.seq()); // sealed with another key than the user's current one
      }
    }
    return new Account(
        userId,
        stream,
        stores.credential(userId),
        stores.hasDataKey(userId),
        fold(stream, sealed),
        sealed,
        unreadable);
  }

  private static Optional<String> pii(StoredEvent event) {
    return switch (event.type()) {
      case EventTypes.USER_REGISTERED ->
          Optional.ofNullable(UserEvents.read(event, UserEvents.UserRegistered.class).pii());
      case EventTypes.USER_IMPORTED ->
          Optional.ofNullable(UserEvents.read(event, UserEvents.UserImported.class).pii());
      case EventTypes.PROFILE_UPDATED ->
          Optional.ofNullable(UserEvents.read(event, UserEvents.ProfileUpdated.class).pii());
      default -> Optional.empty();
    };
  }

  /**
   * The model's fold: registration or import, then the fields each profile change names; nothing
   * after an erasure.
   */
  private static Optional<Profile> fold(List<StoredEvent> stream, Map<Long, PersonalData> sealed) {
    Profile profile = null;
    for (StoredEvent event : stream) {
      PersonalData data = sealed.get(event.seq());
      switch (event.type()) {
        case EventTypes.USER_ERASED -> {
          return Optional.empty();
        }
        case EventTypes.USER_REGISTERED ->
            profile =
                data == null
                    ? null
                    : new Profile(
                        event.seq(),
                        data.email(),
                        data.firstName(),
                        data.lastName(),
                        UserEvents.read(event, UserEvents.UserRegistered.class).country());
        case EventTypes.USER_IMPORTED ->
            profile =
                data == null
                    ? null
                    : new Profile(
                        event.seq(),
                        data.email(),
                        data.firstName(),
                        data.lastName(),
                        UserEvents.read(event, UserEvents.UserImported.class).country());
        case EventTypes.PROFILE_UPDATED -> {
          if (profile != null) {
            UserEvents.ProfileUpdated updated =
                UserEvents.read(event, UserEvents.ProfileUpdated.class);
            profile =
                new Profile(
                    event.seq(),
                    profile.email(),
                    data != null && data.firstName() != null
                        ? data.firstName()
                        : profile.firstName(),
                    data != null && data.lastName() != null ? data.lastName() : profile.lastName(),
                    updated.country() != null ? updated.country() : profile.country());
          }
        }
        default -> {
          if (profile != null) {
            profile =
                new Profile(
                    event.seq(),
                    profile.email(),
                    profile.firstName(),
                    profile.lastName(),
                    profile.country());
          }
        }
      }
    }
    return Optional.ofNullable(profile);
  }

  private static void apiKeptItsWord(List<Call> calls, List<String> found) {
    for (Call call : calls) {
      if (call.status() >= 500 && call.status() != 503) {
        found.add("[server error] " + call.describe());
      }
      if (call.action() == Action.REGISTER
          && call.status() == 201
          && !Long.valueOf(1).equals(call.version())) {
        found.add("[contract] a registration answered a version other than 1: " + call.describe());
      }
      if (call.action() != Action.PATCH || call.ifMatch() == null || call.status() != 200) {
        continue;
      }
      long expected;
      try {
        expected = Long.parseLong(call.ifMatch());
      } catch (NumberFormatException e) {
        found.add("[If-Match] an If-Match that is not a number was accepted: " + call.describe());
        continue;
      }
      if (expected < 1) {
        found.add(
            "[If-Match] If-Match "
                + expected
                + " names no version, yet was accepted: "
                + call.describe());
      } else if (!Long.valueOf(expected + 1).equals(call.version())) {
        found.add(
            "[If-Match] accepted at If-Match "
                + expected
                + " but answered version "
                + call.version()
                + ": "
                + call.describe());
      }
    }
  }

  private static void acknowledgedChangesKept(
      List<Call> calls, Map<UUID, Account> accounts, List<String> found) {
    for (Call call : calls) {
      if (!call.succeeded() || call.action() == Action.LOGIN || call.action() == Action.IMPORT) {
        continue; // an import is checked by its key, with the reservations
      }
      Account account = accounts.get(call.userId());
      if (account == null) {
        found.add("[acknowledged] no stream for the account of " + call.describe());
        continue;
      }
      switch (call.action()) {
        case REGISTER, PATCH -> {
          String type =
              call.action() == Action.REGISTER
                  ? EventTypes.USER_REGISTERED
                  : EventTypes.PROFILE_UPDATED;
          Optional<StoredEvent> at =
              account.stream().stream().filter(e -> e.seq() == call.version()).findFirst();
          if (at.isEmpty() || !type.equals(at.get().type())) {
            found.add(
                "[acknowledged] no "
                    + type
                    + " at version "
                    + call.version()
                    + " for "
                    + call.describe());
          } else if (account.sealed().containsKey(call.version())
              && !call.firstName().equals(account.sealed().get(call.version()).firstName())) {
            found.add(
                "[acknowledged] version "
                    + call.version()
                    + " holds another first name than "
                    + call.describe());
          }
        }
        case PASSWORD -> {
          long acknowledged =
              calls.stream()
                  .filter(
                      c ->
                          c.action() == Action.PASSWORD
                              && c.succeeded()
                              && call.userId().equals(c.userId()))
                  .count();
          long kept =
              account.stream().stream()
                  .filter(e -> EventTypes.PASSWORD_CHANGED.equals(e.type()))
                  .count();
          if (kept < acknowledged) {
            found.add(
                "[acknowledged] "
                    + acknowledged
                    + " password changes answered, "
                    + kept
                    + " in the stream, for "
                    + call.describe());
          }
        }
        case ERASE -> {
          if (!account.erased()) {
            found.add(
                "[acknowledged] erasure answered but the stream has no UserErased: "
                    + call.describe());
          }
        }
        default -> {}
      }
    }
  }

  /**
   * With {@code settled} false, an erasure cut short may still hold its key (the reaper finishes it
   * later).
   */
  private static void streams(Iterable<Account> accounts, boolean settled, List<String> found) {
    for (Account account : accounts) {
      List<StoredEvent> stream = account.stream();
      if (stream.isEmpty()) {
        continue; // a credential without a stream: see credentials()
      }
      List<Long> versions = account.versions();
      for (int i = 0; i < versions.size(); i++) {
        if (versions.get(i) != i + 1) {
          found.add(
              "[versions] stream "
                  + account.userId()
                  + " has versions "
                  + versions
                  + ", not 1.."
                  + versions.size());
          break;
        }
      }
      if (!CREATIONS.contains(stream.get(0).type())) {
        found.add(
            "[versions] stream "
                + account.userId()
                + " starts with "
                + stream.get(0).seq()
                + ":"
                + stream.get(0).type()
                + ", not its registration or import");
      }
      if (stream.stream().filter(e -> CREATIONS.contains(e.type())).count() > 1) {
        found.add(
            "[versions] stream " + account.userId() + " was created twice: " + account.describe());
      }
      int erasure = -1;
      for (int i = 0; i < stream.size(); i++) {
        if (EventTypes.USER_ERASED.equals(stream.get(i).type())) {
          erasure = i;
          break;
        }
      }
      // A second erasure racing the first changes nothing; any other event after an erasure is a
      // change to an erased account.
      if (erasure >= 0
          && stream.subList(erasure, stream.size()).stream()
              .anyMatch(e -> !EventTypes.USER_ERASED.equals(e.type()))) {
        found.add("[erasure] events after the erasure of " + account.describe());
      }
      if (erasure >= 0 && account.hasDataKey() && settled) {
        found.add(
            "[erasure] an erased account has a data key (personal data sealed with it can be read): "
                + account.describe());
      }
      if (!account.unreadable().isEmpty()) {
        found.add(
            "[keys] the personal data of versions "
                + account.unreadable()
                + " does not open with the user's data key"
                + " (a key made after the one they were sealed with; user-query's fold fails on this stream): "
                + account.describe());
      }
    }
  }

  private static void onePersonOneAccount(Iterable<Account> accounts, List<String> found) {
    Map<String, List<UUID>> live = new LinkedHashMap<>();
    for (Account account : accounts) {
      if (!account.live()) {
        continue;
      }
      if (account.profile().isEmpty()) {
        found.add(
            "[keys] a live account whose personal data cannot be opened: " + account.describe());
        continue;
      }
      live.computeIfAbsent(
              History.identityOf(account.profile().get().email()), e -> new ArrayList<>())
          .add(account.userId());
    }
    live.forEach(
        (identity, ids) -> {
          if (ids.size() > 1) {
            found.add("[identity] " + ids.size() + " live accounts for one identity: " + ids);
          }
        });
  }

  private void reservations(
      Map<UUID, Account> accounts,
      Map<String, Stores.Reservation> reservations,
      List<String> found) {
    for (Stores.Reservation reservation : reservations.values()) {
      Account holder = accounts.get(reservation.userId());
      if (reservation.pending()) {
        boolean abandoned = reservation.reservedAt().isBefore(Instant.now().minus(abandonedAfter));
        found.add(
            "[orphan reservation] still pending after every call answered"
                + (abandoned ? ", past the reaper's window" : "")
                + ", held by "
                + (holder == null ? reservation.userId() : holder.describe()));
      } else if (holder == null || !holder.live()) {
        found.add(
            "[orphan reservation] active for an account that is not live: "
                + (holder == null ? reservation.userId() + " (no stream)" : holder.describe()));
      } else if (!reservation
          .emailKey()
          .equals(holder.credential().map(Stores.Credential::emailKey).orElse(null))) {
        found.add(
            "[orphan reservation] active for an account whose credential names another key: "
                + holder.describe());
      }
    }
    for (Account account : accounts.values()) {
      if (!account.live()) {
        continue;
      }
      String key = account.credential().map(Stores.Credential::emailKey).orElse(null);
      Optional<Stores.Reservation> held = key == null ? Optional.empty() : stores.reservation(key);
      if (held.isEmpty() || held.get().pending() || !held.get().userId().equals(account.userId())) {
        found.add(
            "[reservation] a live account does not hold its email reservation: "
                + account.describe());
      }
    }
  }

  private void importsKept(List<Call> calls, Map<UUID, Account> accounts, List<String> found) {
    for (Call call : calls) {
      if (call.action() == Action.IMPORT && call.succeeded()) {
        UUID imported = ImportUsers.userIdFor(emailKeys.keyOf(call.email()));
        Account account = accounts.get(imported);
        if (account == null
            || account.stream().stream()
                .noneMatch(e -> e.seq() == 1 && EventTypes.USER_IMPORTED.equals(e.type()))) {
          found.add(
              "[acknowledged] the import reported IMPORTED but version 1 of the stream is no UserImported: "
                  + call.describe()
                  + (account == null ? "" : " " + account.describe()));
        }
      }
    }
  }

  private static void credentials(Iterable<Account> accounts, List<String> found) {
    for (Account account : accounts) {
      Optional<Stores.Credential> credential = account.credential();
      if (account.live() && (credential.isEmpty() || !credential.get().live())) {
        found.add("[credential] a live account cannot log in: " + account.describe());
      }
      if (!account.live()
          && credential.isPresent()
          && (credential.get().hasHash() || !credential.get().erased())) {
        found.add(
            "[orphan credential] a credential "
                + (credential.get().erased() ? "with a password hash" : "not erased")
                + " for an account that is "
                + (account.stream().isEmpty() ? "not in the event store" : "erased")
                + ": "
                + account.describe());
      }
    }
  }

  /** Waits for the projection, then reports every document that still differs from the fold. */
  private void readModels(Iterable<Account> accounts, Duration wait, List<String> found) {
    Instant deadline = Instant.now().plus(wait);
    List<String> differences;
    while (true) {
      differences = new ArrayList<>();
      for (Account account : accounts) {
        differences.addAll(readModelDifferences(account));
      }
      if (differences.isEmpty() || Instant.now().isAfter(deadline)) {
        break;
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    differences.forEach(d -> found.add("[read model] after " + wait.toSeconds() + " s: " + d));
  }

  private List<String> readModelDifferences(Account account) {
    List<String> differences = new ArrayList<>();
    Optional<JsonNode> cached = stores.cacheDocument(account.userId());
    Optional<JsonNode> indexed = stores.searchDocument(account.userId());
    Optional<Profile> expected = account.live() ? account.profile() : Optional.empty();
    if (expected.isEmpty()) {
      cached.ifPresent(
          doc ->
              differences.add(
                  "cache holds a profile of "
                      + account.describe()
                      + ": version "
                      + doc.path("version").asLong()));
      indexed.ifPresent(
          doc ->
              differences.add(
                  "search holds a profile of "
                      + account.describe()
                      + ": version "
                      + doc.path("_version").asLong()));
      return differences;
    }
    Profile profile = expected.get();
    String cacheSays =
        cached
            .map(
                doc ->
                    describe(
                        doc.path("version").asLong(),
                        ReadStores.opened(account.userId(), doc, stores.cipher())))
            .orElse("nothing");
    // The search document holds keyed hashes, not names: they must be the terms of the fold's.
    String searchSays =
        indexed
            .map(
                doc ->
                    indexes(profile, doc)
                        ? "the document of version " + profile.version()
                        : "version " + doc.path("_version").asLong() + " " + doc.path("_source"))
            .orElse("nothing");
    String streamSays =
        profile.version()
            + " "
            + profile.firstName()
            + " "
            + profile.lastName()
            + " "
            + profile.email()
            + " "
            + profile.country();
    if (!streamSays.equals(cacheSays)) {
      differences.add(
          "cache holds "
              + cacheSays
              + ", the stream folds to "
              + streamSays
              + " ("
              + account.describe()
              + ")");
    }
    if (!searchSays.equals("the document of version " + profile.version())) {
      differences.add(
          "search holds "
              + searchSays
              + ", the stream folds to "
              + streamSays
              + " ("
              + account.describe()
              + ")");
    }
    return differences;
  }

  private static boolean indexes(Profile profile, JsonNode doc) {
    JsonNode source = doc.path("_source");
    List<String> names = new ArrayList<>();
    source.path("namePrefixes").forEach(term -> names.add(term.asText()));
    return doc.path("_version").asLong() == profile.version()
        && ReadStores.TERMS.email(profile.email()).equals(source.path("emailHash").asText())
        && ReadStores.TERMS.namePrefixes(profile.firstName(), profile.lastName()).equals(names)
        && Objects.equals(profile.country(), source.path("country").asText(null));
  }

  private static String describe(long version, JsonNode doc) {
    return version
        + " "
        + doc.path("firstName").asText()
        + " "
        + doc.path("lastName").asText()
        + " "
        + doc.path("email").asText()
        + " "
        + doc.path("country").asText();
  }
}
