package com.retail.identity.verification.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.verification.core.PhoneRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verified phones and flags in Cassandra (tables of cql/005-verification.cql). */
public final class CassandraPhoneRecords implements PhoneRecords {
  /**
   * The verification id under which a phone the previous system verified is recorded by the import.
   */
  public static final String IMPORTED = "imported";

  private final Session session;
  private final PreparedStatement selectVerified;
  private final PreparedStatement insertVerified;
  private final PreparedStatement insertOwner;
  private final PreparedStatement insertOwnerPlainly;
  private final PreparedStatement deleteOwner;
  private final PreparedStatement selectOwners;
  private final PreparedStatement selectFlag;
  private final PreparedStatement insertFlag;
  private final PreparedStatement deleteFlag;

  public CassandraPhoneRecords(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String ks = cassandra.keyspace();
    selectVerified =
        session
            .prepare(
                "SELECT user_id, phone_hash, verified_at, verification_id FROM "
                    + ks
                    + ".verified_phones WHERE user_id = ?")
            .setIdempotent(true);
    insertVerified =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".verified_phones (user_id, phone_hash, verified_at, verification_id) VALUES (?, ?, ?, ?)")
            .setIdempotent(true);
    insertOwner =
        session.prepare(
            "INSERT INTO "
                + ks
                + ".phone_owners (phone_hash, user_id, first_verified_at, verification_id) VALUES (?, ?, ?, ?) IF NOT EXISTS");
    insertOwnerPlainly =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".phone_owners (phone_hash, user_id, first_verified_at, verification_id) VALUES (?, ?, ?, ?)")
            .setIdempotent(true);
    deleteOwner =
        session
            .prepare("DELETE FROM " + ks + ".phone_owners WHERE phone_hash = ? AND user_id = ?")
            .setIdempotent(true);
    selectOwners =
        session
            .prepare(
                "SELECT user_id, first_verified_at FROM "
                    + ks
                    + ".phone_owners WHERE phone_hash = ?")
            .setIdempotent(true);
    selectFlag =
        session
            .prepare("SELECT reason FROM " + ks + ".account_flags WHERE user_id = ?")
            .setIdempotent(true);
    insertFlag =
        session
            .prepare(
                "INSERT INTO "
                    + ks
                    + ".account_flags (user_id, reason, flagged_at) VALUES (?, ?, ?)")
            .setIdempotent(true);
    deleteFlag =
        session
            .prepare("DELETE FROM " + ks + ".account_flags WHERE user_id = ?")
            .setIdempotent(true);
  }

  @Override
  public void recordVerified(UUID userId, String phoneHash, String verificationId, Instant at) {
    Optional<VerifiedPhone> previous = verifiedPhone(userId);
    // IF NOT EXISTS keeps the first verification time, which ranks the accounts of a phone.
    session.execute(insertOwner.bind(phoneHash, userId, Date.from(at), verificationId));
    if (previous.isPresent() && previous.get().verificationId().equals(verificationId)) {
      return; // recorded already (a retried confirmation)
    }
    session.execute(insertVerified.bind(userId, phoneHash, Date.from(at), verificationId));
    if (previous.isPresent() && !previous.get().phoneHash().equals(phoneHash)) {
      session.execute(deleteOwner.bind(previous.get().phoneHash(), userId));
    }
  }

  /**
   * The unexecuted writes that record, for the bulk import of existing customers, a phone the
   * previous system verified: the account's verified phone and its place among the phone's owners
   * from {@code verifiedAt}. With {@code lightweightTransaction} the owner row is written as a
   * confirmation writes it (IF NOT EXISTS: an earlier first verification keeps its rank); an
   * initial load, while nothing else writes, writes it plainly. Both may run twice.
   */
  public List<BoundStatement> importedRows(
      UUID userId, String phoneHash, Instant verifiedAt, boolean lightweightTransaction) {
    Date at = Date.from(verifiedAt);
    return List.of(
        (lightweightTransaction ? insertOwner : insertOwnerPlainly)
            .bind(phoneHash, userId, at, IMPORTED),
        insertVerified.bind(userId, phoneHash, at, IMPORTED));
  }

  @Override
  public Optional<VerifiedPhone> verifiedPhone(UUID userId) {
    Row row = session.execute(selectVerified.bind(userId)).one();
    return row == null
        ? Optional.empty()
        : Optional.of(
            new VerifiedPhone(
                row.getUUID("user_id"),
                row.getString("phone_hash"),
                row.getTimestamp("verified_at").toInstant(),
                row.getString("verification_id")));
  }

  @Override
  public List<Owner> owners(String phoneHash) {
    List<Owner> owners = new ArrayList<>();
    for (Row row : session.execute(selectOwners.bind(phoneHash))) {
      owners.add(
          new Owner(row.getUUID("user_id"), row.getTimestamp("first_verified_at").toInstant()));
    }
    return owners;
  }

  @Override
  public Optional<String> flag(UUID userId) {
    Row row = session.execute(selectFlag.bind(userId)).one();
    return row == null ? Optional.empty() : Optional.ofNullable(row.getString("reason"));
  }

  @Override
  public void setFlag(UUID userId, String reason, Instant at) {
    session.execute(insertFlag.bind(userId, reason, Date.from(at)));
  }

  @Override
  public void clearFlag(UUID userId) {
    session.execute(deleteFlag.bind(userId));
  }
}
