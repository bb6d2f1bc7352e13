package com.retail.identity.common.store;

import com.datastax.driver.core.Cluster;
import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.policies.DefaultRetryPolicy;
import com.datastax.driver.core.policies.RetryPolicy;

/**
 * The driver's default retries, plus one: a statement that says it is idempotent and timed out on
 * the server (a replica of its coordinator's choice did not answer in time: a node that is
 * starting, or one that died before the others noticed) is sent once more, to the next node of its
 * query plan, which may ask other replicas. A conditional write says it is idempotent only where a
 * second run cannot change the outcome (a reservation's confirm and release); the others are never
 * sent twice (the driver does not even ask this policy about their write timeouts). See
 * docs/adr/0008-replicated-ring.md.
 *
 * <p>The second attempt keeps the statement's own consistency levels: a conditional write that
 * timed out in its Paxos round reports its serial level, which Cassandra refuses as the commit
 * level of the retry (an error no customer may see).
 */
public final class IdempotentRetryPolicy implements RetryPolicy {
  /** The driver's word for "the consistency level the statement was sent with". */
  private static final ConsistencyLevel AS_SENT = null;

  private final RetryPolicy defaults = DefaultRetryPolicy.INSTANCE;

  @Override
  public RetryDecision onReadTimeout(
      Statement statement,
      ConsistencyLevel cl,
      int requiredResponses,
      int receivedResponses,
      boolean dataRetrieved,
      int nbRetry) {
    if (oncePerIdempotentStatement(statement, nbRetry)) {
      return RetryDecision.tryNextHost(AS_SENT);
    }
    if (cl.isSerial()) {
      // The read of a conditional write's Paxos round: sending it again would run the write twice.
      return RetryDecision.rethrow();
    }
    return defaults.onReadTimeout(
        statement, cl, requiredResponses, receivedResponses, dataRetrieved, nbRetry);
  }

  @Override
  public RetryDecision onWriteTimeout(
      Statement statement,
      ConsistencyLevel cl,
      WriteType writeType,
      int requiredAcks,
      int receivedAcks,
      int nbRetry) {
    if (oncePerIdempotentStatement(statement, nbRetry)) {
      return RetryDecision.tryNextHost(AS_SENT);
    }
    return defaults.onWriteTimeout(statement, cl, writeType, requiredAcks, receivedAcks, nbRetry);
  }

  private static boolean oncePerIdempotentStatement(Statement statement, int nbRetry) {
    return nbRetry == 0 && Boolean.TRUE.equals(statement.isIdempotent());
  }

  @Override
  public RetryDecision onUnavailable(
      Statement statement,
      ConsistencyLevel cl,
      int requiredReplica,
      int aliveReplica,
      int nbRetry) {
    return defaults.onUnavailable(statement, cl, requiredReplica, aliveReplica, nbRetry);
  }

  @Override
  public RetryDecision onRequestError(
      Statement statement, ConsistencyLevel cl, DriverException e, int nbRetry) {
    return defaults.onRequestError(statement, cl, e, nbRetry);
  }

  @Override
  public void init(Cluster cluster) {
    // nothing to set up
  }

  @Override
  public void close() {
    // nothing to release
  }
}
