package com.retail.identity.common.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.Arrays;
import java.util.List;

/** Where the event store lives and how the service talks to it. */
public class CassandraSettings {
  @JsonProperty @NotEmpty private List<String> contactPoints = List.of("127.0.0.1");

  @JsonProperty
  @Min(1)
  @Max(65535)
  private int port = 9042;

  @JsonProperty
  @NotEmpty
  @Pattern(regexp = "[a-z][a-z0-9_]{0,47}", message = "must be a lower-case CQL identifier")
  private String keyspace = "identity";

  /** CQL replication map, e.g. {'class':'NetworkTopologyStrategy','us-east':3} in production. */
  @JsonProperty @NotEmpty
  private String replication = "{'class':'SimpleStrategy','replication_factor':1}";

  /**
   * Create or migrate the schema at start: local and test mode only; production runs migrations as
   * a release step.
   */
  @JsonProperty private boolean manageSchema = false;

  @JsonProperty
  @Min(100)
  private int requestTimeoutMillis = 2000;

  @JsonProperty
  @Min(1)
  private int connectAttempts = 30;

  public List<String> getContactPoints() {
    return contactPoints;
  }

  public int getPort() {
    return port;
  }

  public String getKeyspace() {
    return keyspace;
  }

  public void setKeyspace(String keyspace) {
    this.keyspace = keyspace;
  }

  public String getReplication() {
    return replication;
  }

  public boolean isManageSchema() {
    return manageSchema;
  }

  public void setManageSchema(boolean manageSchema) {
    this.manageSchema = manageSchema;
  }

  public int getRequestTimeoutMillis() {
    return requestTimeoutMillis;
  }

  public int getConnectAttempts() {
    return connectAttempts;
  }

  public void setConnectAttempts(int connectAttempts) {
    this.connectAttempts = connectAttempts;
  }

  public void setPort(int port) {
    this.port = port;
  }

  /**
   * Each entry may itself be a comma-separated list: the configs quote {@code
   * ${CASSANDRA_CONTACT_POINTS}} so they stay valid YAML before substitution, and the environment
   * names a whole ring in one variable.
   */
  public void setContactPoints(List<String> contactPoints) {
    this.contactPoints =
        contactPoints.stream()
            .flatMap(entry -> Arrays.stream(entry.split(",")))
            .map(String::trim)
            .filter(host -> !host.isEmpty())
            .toList();
  }

  public void setReplication(String replication) {
    this.replication = replication;
  }
}
