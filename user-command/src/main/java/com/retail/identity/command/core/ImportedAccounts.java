package com.retail.identity.command.core;

import com.retail.identity.common.events.NewEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.SecretKey;

/**
 * The stores an import writes, a chunk of customers at a time (port). Each call is one round of
 * requests for the whole chunk, sent at once, so a million customers take minutes rather than a
 * million sequential round trips; each answers per row, in the order given. A row whose request
 * failed (after the adapter's retries) answers {@link Reply#failed()}: {@link ImportUsers} leaves
 * it for the next run of the file, which completes it.
 */
public interface ImportedAccounts {
  /** One row's answer: a value, or a failed request. */
  record Reply<T>(T value, boolean failed) {
    public static <T> Reply<T> of(T value) {
      return new Reply<>(value, false);
    }

    public static <T> Reply<T> failure() {
      return new Reply<>(null, true);
    }
  }

  /** An identity key and the user it is claimed for. */
  record Claim(String emailKey, UUID userId) {}

  /** Who holds a reservation: pending until the account behind it is complete. */
  record Holder(UUID userId, boolean pending, Instant reservedAt) {}

  /**
   * A new account: its first event, sealed with the user's fresh data key (the adapter draws the
   * key and writes it with the stream), and its credential.
   */
  record NewAccount(
      UUID userId,
      String correlationId,
      Function<SecretKey, NewEvent> sealedEvent,
      Credentials.Credential credential) {}

  /**
   * A phone the previous system verified: verification's record of it, ranked from {@code
   * verifiedAt}.
   */
  record VerifiedPhone(UUID userId, String e164, Instant verifiedAt) {}

  /** Per key: whether the account it stood for was erased by its owner (erasure tombstones). */
  List<Reply<Boolean>> erased(List<String> emailKeys);

  /**
   * Per claim: reserves the key for the user (pending) unless someone holds it, atomically, as a
   * registration does; empty when the reservation is the claim's now, else who holds it.
   */
  List<Reply<Optional<Holder>>> reserve(List<Claim> claims);

  /**
   * Per key: who holds it, read plainly (an initial load, while nothing else registers); empty when
   * nobody.
   */
  List<Reply<Optional<Holder>>> holders(List<String> emailKeys);

  /**
   * Takes over a reservation left pending by a registration that died half way, atomically, only if
   * {@code abandoned} still holds it; false when it no longer does.
   */
  boolean takeOver(Claim claim, Holder abandoned);

  /**
   * Writes each account whole: the log entries first, then per user its data key, its stream and
   * its credential in one write (docs/adr/0106). Per account: whether it was written.
   */
  List<Boolean> open(List<NewAccount> accounts);

  /**
   * Records each verified phone in verification's phone record; {@code contended} when others may
   * verify the same phones meanwhile (atomic writes). Per phone: whether it was recorded.
   */
  List<Boolean> recordVerifiedPhones(List<VerifiedPhone> phones, boolean contended);

  /**
   * Marks each reservation active: the account is complete. Per claim: whether it was confirmed.
   */
  List<Boolean> confirm(List<Claim> claims);
}
