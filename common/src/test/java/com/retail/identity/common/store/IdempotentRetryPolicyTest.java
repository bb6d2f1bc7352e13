package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.ConsistencyLevel;
import com.datastax.driver.core.SimpleStatement;
import com.datastax.driver.core.Statement;
import com.datastax.driver.core.WriteType;
import com.datastax.driver.core.policies.RetryPolicy.RetryDecision;
import org.junit.jupiter.api.Test;

class IdempotentRetryPolicyTest {
  private static final ConsistencyLevel QUORUM = ConsistencyLevel.LOCAL_QUORUM;
  private final IdempotentRetryPolicy policy = new IdempotentRetryPolicy();

  private static Statement idempotent() {
    return new SimpleStatement("SELECT user_id FROM identity.credentials WHERE user_id = ?")
        .setIdempotent(true);
  }

  private static Statement conditional() {
    return new SimpleStatement(
        "INSERT INTO identity.email_reservations (email_key) VALUES (?) IF NOT EXISTS");
  }

  @Test
  void givenAnIdempotentStatementThatTimedOutOnTheServer_thenItIsSentOnceToTheNextNode() {
    // When its first read or write times out
    RetryDecision read = policy.onReadTimeout(idempotent(), QUORUM, 2, 1, false, 0);
    RetryDecision write = policy.onWriteTimeout(idempotent(), QUORUM, WriteType.SIMPLE, 2, 1, 0);

    // Then it goes to the next node of its plan, at the consistency it was sent with (null: the
    // driver keeps the statement's own levels)
    assertThat(read.getType()).isEqualTo(RetryDecision.Type.RETRY);
    assertThat(read.isRetryCurrent()).isFalse();
    assertThat(read.getRetryConsistencyLevel()).isNull();
    assertThat(write.getType()).isEqualTo(RetryDecision.Type.RETRY);
    assertThat(write.isRetryCurrent()).isFalse();
    assertThat(write.getRetryConsistencyLevel()).isNull();

    // And a second timeout is the caller's
    assertThat(policy.onReadTimeout(idempotent(), QUORUM, 2, 1, false, 1).getType())
        .isEqualTo(RetryDecision.Type.RETHROW);
    assertThat(policy.onWriteTimeout(idempotent(), QUORUM, WriteType.SIMPLE, 2, 1, 1).getType())
        .isEqualTo(RetryDecision.Type.RETHROW);
  }

  @Test
  void givenAnIdempotentConditionalWriteWhosePaxosRoundTimedOut_thenTheRetryKeepsItsCommitLevel() {
    // Given a reservation's confirm (conditional, safe to send twice)
    Statement confirm =
        new SimpleStatement(
                "UPDATE identity.email_reservations SET state = 'active' WHERE email_key = ?"
                    + " IF user_id = ?")
            .setIdempotent(true);

    // When its Paxos round times out, reported at its serial level
    RetryDecision decision =
        policy.onWriteTimeout(confirm, ConsistencyLevel.LOCAL_SERIAL, WriteType.CAS, 2, 1, 0);

    // Then it is sent to the next node without that level as its commit level (Cassandra refuses
    // LOCAL_SERIAL there: "not supported as conditional update commit consistency")
    assertThat(decision.getType()).isEqualTo(RetryDecision.Type.RETRY);
    assertThat(decision.isRetryCurrent()).isFalse();
    assertThat(decision.getRetryConsistencyLevel()).isNull();
  }

  @Test
  void givenAConditionalWriteThatTimedOut_thenItIsNeverSentAgain() {
    // When its Paxos round times out (its outcome is unknown)
    RetryDecision decision =
        policy.onWriteTimeout(conditional(), ConsistencyLevel.LOCAL_SERIAL, WriteType.CAS, 2, 1, 0);

    // Then the caller decides
    assertThat(decision.getType()).isEqualTo(RetryDecision.Type.RETHROW);
  }

  @Test
  void givenAConditionalWriteWhosePaxosReadTimedOut_thenItIsNotSentAgain() {
    // When the read of its Paxos round times out with every replica answering but no data back
    RetryDecision decision =
        policy.onReadTimeout(conditional(), ConsistencyLevel.LOCAL_SERIAL, 2, 2, false, 0);

    // Then the caller decides (the driver's default would send the write again, at LOCAL_SERIAL)
    assertThat(decision.getType()).isEqualTo(RetryDecision.Type.RETHROW);
  }

  @Test
  void givenAStatementOfUnknownIdempotence_thenAReadTimeoutIsTreatedAsTheDriverDoes() {
    // When the replicas answered but the data did not come back, the driver retries once on the
    // same node
    RetryDecision dataMissing = policy.onReadTimeout(conditional(), QUORUM, 2, 2, false, 0);
    // and when too few replicas answered it gives up
    RetryDecision tooFew = policy.onReadTimeout(conditional(), QUORUM, 2, 1, false, 0);

    assertThat(dataMissing.getType()).isEqualTo(RetryDecision.Type.RETRY);
    assertThat(dataMissing.isRetryCurrent()).isTrue();
    assertThat(tooFew.getType()).isEqualTo(RetryDecision.Type.RETHROW);
  }
}
