package com.retail.identity.common.testing;

import com.retail.identity.common.store.CassandraSettings;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the test stack's stores listen. {@code ./platform test} starts them once per build, on
 * their own ports, and names a fresh keyspace, index prefix and key prefix for the run.
 */
public final class TestStack {
  private TestStack() {}

  public static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static int cassandraPort() {
    return Integer.parseInt(env("CASSANDRA_PORT", "19042"));
  }

  public static String keyspace() {
    return env("CASSANDRA_KEYSPACE", "it_manual");
  }

  public static int searchPort() {
    return Integer.parseInt(env("SEARCH_PORT", "19200"));
  }

  public static int couchbasePort() {
    return Integer.parseInt(env("COUCHBASE_PORT", "18091"));
  }

  public static int redisPort() {
    return Integer.parseInt(env("REDIS_PORT", "16379"));
  }

  public static int eurekaPort() {
    return Integer.parseInt(env("EUREKA_PORT", "18761"));
  }

  public static String eurekaUrl() {
    return "http://127.0.0.1:" + eurekaPort() + "/eureka/";
  }

  /** Cassandra settings for the run's keyspace, creating the schema. */
  public static CassandraSettings cassandra() {
    requireListening("Cassandra", cassandraPort());
    CassandraSettings settings = new CassandraSettings();
    settings.setPort(cassandraPort());
    settings.setKeyspace(keyspace());
    settings.setManageSchema(true);
    return settings;
  }

  /**
   * Overrides that point a service's {@code config/local.yml} at the test stack, on random
   * ports of its own, with the run's keyspace and prefixes.
   */
  public static ConfigOverride[] serviceOverrides(ConfigOverride... extra) {
    requireListening("Cassandra", cassandraPort());
    List<ConfigOverride> overrides = new ArrayList<>(List.of(
        ConfigOverride.config("mode", "TEST"),
        ConfigOverride.config("server.applicationConnectors[0].port", "0"),
        ConfigOverride.config("server.adminConnectors[0].port", "0"),
        ConfigOverride.config("server.requestLog.appenders[0].type", "console"),
        ConfigOverride.config("logging.level", "WARN"),
        ConfigOverride.config("eureka.serviceUrl", eurekaUrl()),
        ConfigOverride.config("cassandra.port", Integer.toString(cassandraPort())),
        ConfigOverride.config("cassandra.keyspace", keyspace()),
        ConfigOverride.config("redis.port", Integer.toString(redisPort())),
        ConfigOverride.config("redis.keyPrefix", env("REDIS_KEY_PREFIX", "it:manual:"))));
    overrides.addAll(List.of(extra));
    return overrides.toArray(ConfigOverride[]::new);
  }

  public static ConfigOverride[] queryStoreOverrides() {
    return new ConfigOverride[] {
        ConfigOverride.config("search.urls[0]", "http://127.0.0.1:" + searchPort()),
        ConfigOverride.config("search.indexPrefix", env("SEARCH_INDEX_PREFIX", "it-manual")),
        ConfigOverride.config("couchbase.managerPort", Integer.toString(couchbasePort()))
    };
  }

  /** Fails fast, with the command to run, when the test stack is not up. */
  public static void requireListening(String store, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    } catch (IOException e) {
      throw new IllegalStateException(store + " is not listening on 127.0.0.1:" + port
          + "; integration tests need the test stack: run ./platform test");
    }
  }
}
