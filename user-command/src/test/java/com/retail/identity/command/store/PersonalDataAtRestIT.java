package com.retail.identity.command.store;

import static com.retail.identity.command.Http.bearer;
import static com.retail.identity.command.UserCommandApp.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.driver.core.ColumnDefinitions;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.TableMetadata;
import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.testing.TestStack;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** No table of the event store holds a readable email, phone or name. */
@ExtendWith(DropwizardExtensionsSupport.class)
class PersonalDataAtRestIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();

  @Test
  void everyCassandraTableHoldsPersonalDataOnlySealed() {
    // Given customers with distinctive personal data, changed and verified after registration
    Http http = new Http(APP.getLocalPort());
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String email = "scan-" + marker + "@example.com";
    String first = "Firstname" + marker;
    String last = "Lastname" + marker;
    String phone = "+1415555" + String.format("%04d", Math.abs(marker.hashCode()) % 10_000);
    String userId =
        Http.json(
                http.post(
                    "/v1/users",
                    "{\"email\":\""
                        + email
                        + "\",\"password\":\""
                        + PASSWORD
                        + "\",\"firstName\":\""
                        + first
                        + "\",\"lastName\":\""
                        + last
                        + "\",\"country\":\"US\",\"phone\":\""
                        + phone
                        + "\"}"))
            .get("userId")
            .asText();
    String token = http.logIn(email, PASSWORD).get("accessToken").asText();
    http.send(
        "PATCH",
        "/v1/users/" + userId,
        "{\"lastName\":\"Changed" + last + "\"}",
        "Authorization",
        bearer(token));

    // When every row of every table is read back as text
    List<String> needles =
        List.of(email, email.toLowerCase(Locale.ROOT), first, last, phone, phone.substring(1));
    try (CassandraConnector cassandra = connect()) {
      StringBuilder everything = new StringBuilder();
      for (TableMetadata table :
          cassandra
              .session()
              .getCluster()
              .getMetadata()
              .getKeyspace(cassandra.keyspace())
              .getTables()) {
        for (Row row :
            cassandra
                .session()
                .execute("SELECT * FROM " + cassandra.keyspace() + "." + table.getName())) {
          for (ColumnDefinitions.Definition column : row.getColumnDefinitions()) {
            Object value = row.getObject(column.getName());
            everything
                .append(
                    value instanceof ByteBuffer bytes
                        ? StandardCharsets.ISO_8859_1.decode(bytes.duplicate())
                        : value)
                .append('\n');
          }
        }
      }

      // Then none of it appears in the clear
      assertThat(everything).isNotEmpty();
      for (String needle : needles) {
        assertThat(everything.toString()).doesNotContain(needle);
      }
    }
  }

  private static CassandraConnector connect() {
    return new CassandraConnector(TestStack.cassandra());
  }
}
