package com.retail.identity.common.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.ResultSet;
import com.datastax.driver.core.ResultSetFuture;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.SimpleStatement;
import com.retail.identity.common.crypto.MasterKeyRing;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Rewraps every data key to the active master key (the last step of a rotation, ADR 0002): the key
 * table is read page by page; each key wrapped by another master key is unwrapped by that one and
 * written back wrapped by the active one, only if it is still the same row ({@code IF master_key_id
 * = <old>}: a key destroyed by an erasure meanwhile stays destroyed, and two runs at once never
 * undo each other). The data key itself does not change, so sealed data and every service's cache
 * stay valid. Running it again after a stop rewraps what is left.
 */
public final class DataKeyRewrap {
  /** What a run did. {@code changedMeanwhile}: destroyed or rewrapped by someone else first. */
  public record Summary(long scanned, long rewrapped, long alreadyActive, long changedMeanwhile) {}

  private static final int PAGE = 1000;
  private final Session session;
  private final String keyspace;
  private final MasterKeyRing masterKeys;
  private final PreparedStatement rewrap;
  private final int inFlight;

  public DataKeyRewrap(CassandraConnector cassandra, MasterKeyRing masterKeys, int inFlight) {
    this.session = cassandra.session();
    this.keyspace = cassandra.keyspace();
    this.masterKeys = masterKeys;
    this.inFlight = inFlight;
    this.rewrap =
        session.prepare(
            "UPDATE "
                + keyspace
                + ".data_keys SET wrapped_key = ?, master_key_id = ? WHERE user_id = ?"
                + " IF master_key_id = ?");
  }

  /**
   * @param scannedSoFar told the number of keys read so far, now and then
   */
  public Summary run(LongConsumer scannedSoFar) throws InterruptedException {
    String active = masterKeys.activeId();
    AtomicLong scanned = new AtomicLong();
    long rewrapped = 0;
    long alreadyActive = 0;
    long changed = 0;
    List<ResultSetFuture> pending = new ArrayList<>();
    ResultSet keys =
        session.execute(
            new SimpleStatement(
                    "SELECT user_id, wrapped_key, master_key_id FROM " + keyspace + ".data_keys")
                .setFetchSize(PAGE)
                .setIdempotent(true));
    for (Row row : keys) {
      scanned.incrementAndGet();
      String wrappedBy = row.getString("master_key_id");
      if (active.equals(wrappedBy)) {
        alreadyActive++;
      } else {
        UUID userId = row.getUUID("user_id");
        byte[] raw = masterKeys.unwrap(wrappedBy, bytes(row.getBytes("wrapped_key")));
        pending.add(
            session.executeAsync(
                rewrap.bind(ByteBuffer.wrap(masterKeys.wrap(raw)), active, userId, wrappedBy)));
        if (pending.size() >= inFlight) {
          long[] done = settle(pending);
          rewrapped += done[0];
          changed += done[1];
        }
      }
      if (scanned.get() % PAGE == 0) {
        scannedSoFar.accept(scanned.get());
      }
    }
    long[] done = settle(pending);
    scannedSoFar.accept(scanned.get());
    return new Summary(scanned.get(), rewrapped + done[0], alreadyActive, changed + done[1]);
  }

  /** Waits for the writes in flight: {applied, not applied}. */
  private static long[] settle(List<ResultSetFuture> pending) throws InterruptedException {
    long applied = 0;
    long notApplied = 0;
    for (ResultSetFuture write : pending) {
      try {
        if (write.get().wasApplied()) {
          applied++;
        } else {
          notApplied++;
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("a rewrap write failed; run it again", e.getCause());
      }
    }
    pending.clear();
    return new long[] {applied, notApplied};
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
