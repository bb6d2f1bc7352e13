package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.driver.core.exceptions.NoHostAvailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraConnectorTest {

  @Test
  void every_connect_attempt_is_a_real_attempt_and_the_last_failure_names_the_store() {
    // given a contact point where nothing listens, and two attempts
    CassandraSettings settings = new CassandraSettings();
    settings.setContactPoints(List.of("127.0.0.1"));
    settings.setPort(1);
    settings.setConnectAttempts(2);

    // when the connector opens, then it gives up after both attempts failed to reach a host
    // (not on a cluster instance spoiled by the first failure)
    assertThatThrownBy(() -> new CassandraConnector(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("Cassandra unreachable at [127.0.0.1]:1")
        .hasCauseInstanceOf(NoHostAvailableException.class);
  }
}
