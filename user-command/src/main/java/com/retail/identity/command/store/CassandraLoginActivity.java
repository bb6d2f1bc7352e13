package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.utils.UUIDs;
import com.retail.identity.command.core.LoginActivity;
import com.retail.identity.common.events.NewEvent;
import com.retail.identity.common.events.UserEvents;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.LogBuckets;
import java.util.UUID;

/** Written asynchronously: a login never waits for its own audit row. */
public final class CassandraLoginActivity implements LoginActivity {
  private final Session session;
  private final LogBuckets buckets;
  private final PreparedStatement insert;

  public CassandraLoginActivity(CassandraConnector cassandra, LogBuckets buckets) {
    this.session = cassandra.session();
    this.buckets = buckets;
    insert =
        session
            .prepare(
                "INSERT INTO "
                    + cassandra.keyspace()
                    + ".login_activity (bucket, event_id, user_id,"
                    + " event_type, schema_version, payload) VALUES (?, ?, ?, ?, ?, ?) USING TTL 7776000")
            .setIdempotent(true);
  }

  @Override
  public void record(UUID userId, UserEvents.Payload event) {
    NewEvent e = event.toEvent();
    UUID eventId = UUIDs.timeBased();
    session.executeAsync(
        insert.bind(
            buckets.bucketOf(eventId), eventId, userId, e.type(), e.schemaVersion(), e.payload()));
  }
}
