package com.retail.identity.command.store;

import com.datastax.driver.core.PreparedStatement;
import com.datastax.driver.core.Session;
import com.retail.identity.command.core.JobLease;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Duration;

/** Leases in {@code job_leases}: the owner cell, written with a TTL by lightweight transactions. */
public final class CassandraJobLease implements JobLease {
  private final Session session;
  private final PreparedStatement take;
  private final PreparedStatement renew;
  private final PreparedStatement release;

  public CassandraJobLease(CassandraConnector cassandra) {
    this.session = cassandra.session();
    String table = cassandra.keyspace() + ".job_leases";
    take =
        session.prepare(
            "UPDATE " + table + " USING TTL ? SET owner = ? WHERE job = ? IF owner = null");
    renew =
        session.prepare(
            "UPDATE " + table + " USING TTL ? SET owner = ? WHERE job = ? IF owner = ?");
    release = session.prepare("DELETE owner FROM " + table + " WHERE job = ? IF owner = ?");
  }

  @Override
  public boolean hold(String job, String owner, Duration ttl) {
    int seconds = (int) Math.max(1, ttl.toSeconds());
    // The holder renews with one lightweight transaction; anyone else tries to take a lapsed lease.
    return session.execute(renew.bind(seconds, owner, job, owner)).wasApplied()
        || session.execute(take.bind(seconds, owner, job)).wasApplied();
  }

  @Override
  public void release(String job, String owner) {
    session.execute(release.bind(job, owner));
  }
}
