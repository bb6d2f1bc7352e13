package com.retail.identity.common.store;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.HostDistance;
import com.datastax.driver.core.PoolingOptions;
import com.datastax.driver.core.ProtocolVersion;
import com.datastax.driver.core.QueryOptions;
import com.datastax.driver.core.Session;
import com.datastax.driver.core.SocketOptions;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.policies.ExponentialReconnectionPolicy;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the Cassandra cluster connection: opened at construction, closed as a Managed object. */
public final class CassandraConnector implements Managed, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CassandraConnector.class);
  private static final int SCHEMA_AGREEMENT_SECONDS = 60;
  private final Cluster cluster;
  private final Session session;
  private final String keyspace;

  public CassandraConnector(CassandraSettings settings) {
    this.keyspace = settings.getKeyspace();
    this.cluster = connect(settings);
    this.session = cluster.connect();
    if (settings.isManageSchema()) {
      new CassandraSchema(session, settings.getKeyspace(), settings.getReplication()).migrate();
      awaitSchemaAgreement();
    }
  }

  private static Cluster newCluster(CassandraSettings settings) {
    return Cluster.builder()
        .addContactPoints(settings.getContactPoints().toArray(String[]::new))
        .withPort(settings.getPort())
        .withProtocolVersion(ProtocolVersion.V4)
        .withoutJMXReporting()
        // Retry a lost node every 0.5 s up to every 5 s (the default backs off to 10 min), so a
        // Cassandra that comes back is used again within seconds, without a restart.
        .withReconnectionPolicy(new ExponentialReconnectionPolicy(500, 5_000))
        .withRetryPolicy(new IdempotentRetryPolicy())
        // On a ring a table exists for the statements that use it only once every node has it:
        // each schema change waits for the nodes to agree (the default 10 s is short for a busy
        // ring).
        .withMaxSchemaAgreementWaitSeconds(SCHEMA_AGREEMENT_SECONDS)
        // Above the ring's own read and write timeouts (1.5 s in the local stack), so a caller gets
        // Cassandra's answer (how many replicas did not answer) rather than a client-side timeout.
        .withSocketOptions(
            new SocketOptions()
                .setConnectTimeoutMillis(2000)
                .setReadTimeoutMillis(settings.getRequestTimeoutMillis()))
        .withPoolingOptions(
            new PoolingOptions()
                .setConnectionsPerHost(HostDistance.LOCAL, 1, 2)
                .setMaxRequestsPerConnection(HostDistance.LOCAL, 2048)
                .setMaxQueueSize(4096)
                .setPoolTimeoutMillis(500))
        // Every choice below is explained in docs/adr/0008-replicated-ring.md. Reads and writes at
        // LOCAL_QUORUM (2 of 3 replicas: one node may be down, and a read always overlaps the last
        // acknowledged write); lightweight transactions' Paxos at LOCAL_SERIAL. A statement is sent
        // to the next node (lost coordinator, or a server-side timeout) only when it says it is
        // idempotent (setIdempotent(true) where it is prepared; IdempotentRetryPolicy); conditional
        // writes are not, so their callers see a lost coordinator as 503.
        .withQueryOptions(
            new QueryOptions()
                .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)
                .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)
                .setDefaultIdempotence(false))
        .build();
  }

  /**
   * Until every node has the schema this instance just migrated (a warning, not a failure, if one
   * does not answer).
   */
  private void awaitSchemaAgreement() {
    long deadline = System.nanoTime() + SCHEMA_AGREEMENT_SECONDS * 1_000_000_000L;
    while (!cluster.getMetadata().checkSchemaAgreement()) {
      if (System.nanoTime() > deadline) {
        LOG.warn(
            "Cassandra nodes still disagree on the schema after {} s", SCHEMA_AGREEMENT_SECONDS);
        return;
      }
      sleep(200);
    }
  }

  /**
   * A cluster whose control connection is up. A Cluster that failed its initialisation refuses
   * every later call, so each attempt builds a fresh one.
   */
  private static Cluster connect(CassandraSettings settings) {
    NoHostAvailableException last = null;
    for (int attempt = 1; attempt <= settings.getConnectAttempts(); attempt++) {
      Cluster candidate = newCluster(settings);
      try {
        candidate.init();
        return candidate;
      } catch (NoHostAvailableException e) {
        candidate.close();
        last = e;
        LOG.warn(
            "Cassandra not reachable at {}:{} (attempt {}/{})",
            settings.getContactPoints(),
            settings.getPort(),
            attempt,
            settings.getConnectAttempts());
        sleep(1000);
      }
    }
    throw new IllegalStateException(
        "Cassandra unreachable at " + settings.getContactPoints() + ":" + settings.getPort(), last);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to Cassandra", e);
    }
  }

  /**
   * A session not bound to a keyspace: statements name the keyspace, so one session serves tests'
   * fresh keyspaces too.
   */
  public Session session() {
    return session;
  }

  public String keyspace() {
    return keyspace;
  }

  @Override
  public void stop() {
    cluster.close();
  }

  @Override
  public void close() {
    stop();
  }
}
