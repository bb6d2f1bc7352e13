package com.retail.identity.command.store;

import com.datastax.driver.core.BoundStatement;
import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.ErasedEmails;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Instant;
import java.util.Date;

/** Erasure tombstones in {@code erased_emails} (cql/009-erased-emails.cql). */
public final class CassandraErasedEmails implements ErasedEmails {
  private final Session session;
  private final PreparedStatement insert;
  private final PreparedStatement select;

  public CassandraErasedEmails(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".erased_emails";
    insert = session.prepare("INSERT INTO " + table + " (email_key, erased_at) VALUES (?, ?)");
    select = session.prepare("SELECT erased_at FROM " + table + " WHERE email_key = ?");
  }

  @Override
  public void record(String emailKey, Instant erasedAt) {
    session.execute(insert.bind(emailKey, Date.from(erasedAt)));
  }

  @Override
  public boolean isErased(String emailKey) {
    return session.execute(readRow(emailKey)).one() != null;
  }

  /**
   * The unexecuted read of {@link #isErased} (a row, or none), for a bulk writer that sends many at
   * once.
   */
  private BoundStatement readRow(String emailKey) {
    return select.bind(emailKey);
  }
}
