package com.retail.identity.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void a_ring_named_in_one_quoted_variable_becomes_one_contact_point_per_node() throws Exception {
    // given the config line after ${CASSANDRA_CONTACT_POINTS} was substituted with a whole ring
    String yaml = "contactPoints: [\"127.0.0.2, 127.0.0.3,127.0.0.4\"]";

    // when it is read
    CassandraSettings settings = YAML.readValue(yaml, CassandraSettings.class);

    // then every node is a contact point of its own
    assertThat(settings.getContactPoints()).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.4");
  }

  @Test
  void separate_entries_and_empty_pieces_are_kept_apart_and_dropped() throws Exception {
    CassandraSettings settings =
        YAML.readValue(
            "contactPoints: [\"a.internal\", \"b.internal,\", \"\"]", CassandraSettings.class);

    assertThat(settings.getContactPoints()).containsExactly("a.internal", "b.internal");
  }
}
