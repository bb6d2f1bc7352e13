package com.retail.identity.common.testing;

import com.retail.identity.common.store.CassandraSettings;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the test stack's stores listen. {@code ./platform test} starts them once per build, on
 * their own ports, and names a fresh keyspace, index prefix and key prefix for the run.
 */
public final class TestStack {
  private static final AtomicInteger APPS = new AtomicInteger();

  private TestStack() {}

  public static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public static int cassandraPort() {
    return Integer.parseInt(env("CASSANDRA_PORT", "19042"));
  }

  /**
   * Where Cassandra listens: {@code CASSANDRA_CONTACT_POINTS} (set by {@code ./platform test}: one
   * node on 127.0.0.1, or the ring of {@code CASSANDRA_NODES=3} on 127.0.0.2-4).
   */
  public static List<String> cassandraContactPoints() {
    return List.of(env("CASSANDRA_CONTACT_POINTS", "127.0.0.1").split(","));
  }

  /** The number of Cassandra nodes of the test stack ({@code CASSANDRA_NODES}, default 1). */
  public static int cassandraNodes() {
    return Integer.parseInt(env("CASSANDRA_NODES", "1"));
  }

  /** The run's keyspaces replicate to every node of a ring, up to 3. */
  public static String cassandraReplication() {
    return "{'class':'SimpleStrategy','replication_factor':"
        + env("CASSANDRA_REPLICATION_FACTOR", "1")
        + "}";
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

  /** The instances the test stack's Eureka server holds for an application (none: empty). */
  public static List<com.fasterxml.jackson.databind.JsonNode> eurekaInstances(String app)
      throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> answer =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(eurekaUrl() + "apps/" + app))
                    .header("Accept", "application/json")
                    .timeout(java.time.Duration.ofSeconds(10))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      return List.of();
    }
    com.fasterxml.jackson.databind.JsonNode instances =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(answer.body())
            .path("application")
            .path("instance");
    List<com.fasterxml.jackson.databind.JsonNode> listed = new java.util.ArrayList<>();
    if (instances.isArray()) {
      instances.forEach(listed::add);
    } else if (!instances.isMissingNode()) {
      listed.add(instances);
    }
    return listed;
  }

  /** Cassandra settings for the run's keyspace, creating the schema. */
  public static CassandraSettings cassandra() {
    requireCassandra();
    CassandraSettings settings = new CassandraSettings();
    settings.setContactPoints(cassandraContactPoints());
    settings.setReplication(cassandraReplication());
    settings.setPort(cassandraPort());
    settings.setKeyspace(keyspace());
    settings.setManageSchema(true);
    return settings;
  }

  /**
   * A service under test: its {@code config/local.yml} pointed at the test stack, on random ports
   * of its own, with the run's keyspace and prefixes, plus {@code extra} settings. Each app gets
   * its own override prefix, so several apps can start in one JVM without seeing each other's
   * settings. Every answer it gives is held to its OpenAPI document ({@link DocumentedAnswers}).
   */
  public static <C extends Configuration> DropwizardAppExtension<C> app(
      Class<? extends Application<C>> application, String module, Map<String, String> extra) {
    return app(application, module, localConfigOf(module), extra);
  }

  /** As {@link #app(Class, String, Map)}, from another configuration file of the module. */
  public static <C extends Configuration> DropwizardAppExtension<C> app(
      Class<? extends Application<C>> application,
      String module,
      String configFile,
      Map<String, String> extra) {
    requireCassandra();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("mode", "TEST");
    settings.put("server.applicationConnectors[0].port", "0");
    settings.put("server.adminConnectors[0].port", "0");
    settings.put("logging.level", "WARN");
    settings.put("eureka.serviceUrl", eurekaUrl());
    settings.put("cassandra.contactPoints", String.join(",", cassandraContactPoints()));
    settings.put("cassandra.replication", cassandraReplication());
    settings.put("cassandra.port", Integer.toString(cassandraPort()));
    settings.put("cassandra.keyspace", keyspace());
    settings.put("cassandra.manageSchema", "true");
    settings.put("redis.port", Integer.toString(redisPort()));
    settings.put("redis.keyPrefix", env("REDIS_KEY_PREFIX", "it:manual:"));
    if ("user-query".equals(module)) {
      settings.put("search.urls[0]", "http://127.0.0.1:" + searchPort());
      settings.put("search.indexPrefix", env("SEARCH_INDEX_PREFIX", "it-manual"));
      settings.put("couchbase.managerPort", Integer.toString(couchbasePort()));
      settings.put("couchbase.kvPort", env("COUCHBASE_KV_PORT", "21210"));
    }
    settings.putAll(extra);
    String prefix = "it" + APPS.incrementAndGet();
    ConfigOverride[] overrides =
        settings.entrySet().stream()
            .map(e -> ConfigOverride.config(prefix, e.getKey(), e.getValue()))
            .toArray(ConfigOverride[]::new);
    return DocumentedAnswers.app(application, configFile, prefix, overrides);
  }

  /**
   * The absolute path of a service's {@code config/local.yml}, from whichever module the test runs
   * in.
   */
  public static String localConfigOf(String module) {
    for (java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      java.nio.file.Path candidate = dir.resolve(module).resolve("config").resolve("local.yml");
      if (java.nio.file.Files.isRegularFile(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(
        module + "/config/local.yml not found above " + java.nio.file.Path.of("").toAbsolutePath());
  }

  /** Fails fast, with the command to run, when the test stack is not up. */
  public static void requireListening(String store, int port) {
    requireListening(store, "127.0.0.1", port);
  }

  private static void requireCassandra() {
    requireListening("Cassandra", cassandraContactPoints().get(0), cassandraPort());
  }

  private static void requireListening(String store, String address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
    } catch (IOException e) {
      throw new IllegalStateException(
          store
              + " is not listening on "
              + address
              + ":"
              + port
              + "; integration tests need the test stack: run ./platform test");
    }
  }
}
