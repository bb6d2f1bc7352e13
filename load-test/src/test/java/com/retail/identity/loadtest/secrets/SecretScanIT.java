package com.retail.identity.loadtest.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.codec.RawJsonTranscoder;
import com.couchbase.client.java.kv.GetOptions;
import com.datastax.driver.core.Row;
import com.datastax.driver.core.Session;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.retail.identity.common.crypto.LocalMasterKey;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.CouchbaseSettings;
import com.retail.identity.common.testing.TestStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other integration test of the build (its own failsafe execution, in the last
 * module): scans what the whole run left behind for secrets: every service log (each IT's output
 * file, where the services under test log, and the test stack's store logs), every OpenSearch
 * document, every Couchbase profile document and every audit entry. It looks for password hashes,
 * rendered SMS codes, refresh tokens (by the hashes the run stored), data keys (unwrapped from the
 * run's key table), the master key and the other configured keys, and every signing key the run
 * created.
 */
class SecretScanIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Path ROOT = repoRoot();
  private static CassandraConnector cassandra;
  private static SecretScanner scanner;
  private static final List<SecretScanner.Finding> FINDINGS = new ArrayList<>();

  @BeforeAll
  static void learnTheRunsSecrets() throws IOException {
    CassandraSettings settings = TestStack.cassandra();
    settings.setManageSchema(false);
    cassandra = new CassandraConnector(settings);
    scanner = new SecretScanner();
    JsonNode verification = YAML.readTree(ROOT.resolve("verification/config/local.yml").toFile());
    verification
        .path("sms")
        .path("templates")
        .forEach(template -> scanner.smsTemplate(template.asText()));
    LocalMasterKey masterKey = null;
    for (String service : List.of("user-command", "user-query", "verification")) {
      JsonNode config = YAML.readTree(ROOT.resolve(service + "/config/local.yml").toFile());
      for (JsonNode secret :
          List.of(
              config.path("masterKey").path("key"),
              config.path("emailLookupSecret"),
              config.path("phoneSecret"),
              config.path("challenge").path("hmacKey"))) {
        configuredKey(secret.asText(""));
      }
      if (masterKey == null && config.path("masterKey").has("key")) {
        masterKey =
            new LocalMasterKey(
                config.path("masterKey").path("id").asText(),
                config.path("masterKey").path("key").asText());
      }
    }
    signingKeys();
    Session session = cassandra.session();
    for (String keyspace : keyspacesWith("data_keys")) {
      for (Row row :
          session.execute("SELECT wrapped_key, master_key_id FROM " + keyspace + ".data_keys")) {
        ByteBuffer wrapped = row.getBytes("wrapped_key");
        // keys under the services' master key; a rotation test's keys are under keys of its own
        if (wrapped != null && masterKey.id().equals(row.getString("master_key_id"))) {
          byte[] bytes = new byte[wrapped.remaining()];
          wrapped.get(bytes);
          scanner.knownKey("data key", masterKey.unwrap(bytes));
        }
      }
    }
    for (String keyspace : keyspacesWith("refresh_tokens")) {
      session
          .execute("SELECT token_hash FROM " + keyspace + ".refresh_tokens")
          .forEach(row -> scanner.refreshTokenHash(row.getString("token_hash")));
    }
  }

  @AfterAll
  static void close() {
    if (cassandra != null) {
      cassandra.stop();
    }
  }

  private static void configuredKey(String value) {
    if (value.isBlank() || value.contains("${")) {
      return;
    }
    scanner.knownText("configured key", value);
    try {
      scanner.knownKey("configured key", Base64.getDecoder().decode(value));
    } catch (IllegalArgumentException notBase64) {
      // a plain-text key: looked for as it is
    }
  }

  /**
   * Every JWK set the run wrote (services under test write theirs under target/it-secrets, the
   * local stack under .run).
   */
  private static void signingKeys() throws IOException {
    {
      for (Path file : files(ROOT, 6, f -> f.toString().endsWith(".jwks"))) {
        try {
          for (JWK key : JWKSet.load(file.toFile()).getKeys()) {
            Map<String, Object> members = key.toJSONObject();
            for (String member : List.of("d", "p", "q", "dp", "dq", "qi", "k")) {
              if (members.get(member) instanceof String value) {
                scanner.knownText("signing key", value);
              }
            }
          }
        } catch (java.text.ParseException notAKeySet) {
          // not a JWK set: nothing to learn from it
        }
      }
    }
  }

  private static Set<String> keyspacesWith(String table) {
    Set<String> keyspaces = new TreeSet<>();
    cassandra
        .session()
        .execute("SELECT keyspace_name, table_name FROM system_schema.tables")
        .forEach(
            row -> {
              if (row.getString("table_name").equals(table)
                  && !row.getString("keyspace_name").startsWith("system")) {
                keyspaces.add(row.getString("keyspace_name"));
              }
            });
    return keyspaces;
  }

  @Test
  void noSecretIsInAnyLogSearchDocumentOrCacheDocumentOfTheRun() throws Exception {
    int logs = scanLogs();
    int searchDocuments =
        scanSearch((where, source) -> FINDINGS.addAll(scanner.scan(where, source.toString())));
    int cacheDocuments =
        scanCache((where, document) -> FINDINGS.addAll(scanner.scan(where, document.toString())));
    int auditEntries =
        scanAudit((where, entry) -> FINDINGS.addAll(scanner.scan(where, entry.toString())));

    System.out.printf(
        "secret scan: %d log files, %d search documents, %d cache documents, %d audit entries,"
            + " %d known secrets%n",
        logs, searchDocuments, cacheDocuments, auditEntries, scanner.knownSecrets());
    assertThat(auditEntries).as("audit entries of the run").isPositive();
    assertThat(logs).as("log files of the run").isPositive();
    assertThat(searchDocuments).as("search documents of the run").isPositive();
    assertThat(cacheDocuments).as("cache documents of the run").isPositive();
    assertThat(FINDINGS).as("secrets found").isEmpty();
  }

  /**
   * The read models hold no personal data in the clear (ADR 0102): no email address and no phone
   * number in any search document or cache document of the run. A cache document's {@code sealed}
   * member is ciphertext (standard base64, where a run of digits after a '+' can occur by chance),
   * so only its other members are searched for numbers.
   */
  @Test
  void noEmailOrPhoneIsInTheClearInAnySearchOrCacheDocumentOfTheRun() throws Exception {
    List<String> found = new ArrayList<>();
    int searchDocuments = scanSearch((where, source) -> plainPersonalData(where, source, found));
    int cacheDocuments =
        scanCache(
            (where, document) -> {
              ObjectNode withoutCiphertext = document.deepCopy();
              String ciphertext = withoutCiphertext.path("sealed").asText("");
              withoutCiphertext.remove("sealed");
              plainPersonalData(where, withoutCiphertext, found);
              if (EMAIL.matcher(ciphertext).find()) {
                found.add(where + ": an email address in the sealed member");
              }
            });

    // What the platform writes into an audit entry (not the reason: that is the staff's own words)
    int auditEntries =
        scanAudit(
            (where, entry) -> {
              ObjectNode written = entry.deepCopy();
              written.remove("reason");
              plainPersonalData(where, written, found);
            });

    assertThat(searchDocuments).as("search documents of the run").isPositive();
    assertThat(cacheDocuments).as("cache documents of the run").isPositive();
    assertThat(auditEntries).as("audit entries of the run").isPositive();
    assertThat(found).as("personal data in the clear").isEmpty();
  }

  private static final Pattern EMAIL = Pattern.compile("[^\\s\"@]+@[^\\s\"@]+\\.[A-Za-z]{2,}");
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");

  private static void plainPersonalData(String where, JsonNode document, List<String> found) {
    String text = document.toString();
    Matcher email = EMAIL.matcher(text);
    if (email.find()) {
      found.add(where + ": an email address");
    }
    if (PHONE.matcher(text).find()) {
      found.add(where + ": a phone number");
    }
  }

  /** Every audit entry of every keyspace of the run (each is in its day's partition). */
  private static int scanAudit(BiConsumer<String, ObjectNode> scan) {
    int count = 0;
    for (String keyspace : keyspacesWith("audit_by_day")) {
      for (Row row : cassandra.session().execute("SELECT * FROM " + keyspace + ".audit_by_day")) {
        ObjectNode entry = JSON.createObjectNode();
        for (com.datastax.driver.core.ColumnDefinitions.Definition column :
            row.getColumnDefinitions()) {
          Object value = row.getObject(column.getName());
          entry.put(column.getName(), value == null ? null : value.toString());
        }
        scan.accept("audit " + keyspace + "/" + entry.path("id").asText(), entry);
        count++;
      }
    }
    return count;
  }

  /** The services' output of every test class of the run, and the stores' own logs. */
  private static int scanLogs() throws IOException {
    List<Path> logs =
        new ArrayList<>(
            files(
                ROOT,
                5,
                f ->
                    f.getFileName().toString().endsWith("-output.txt")
                        && (f.toString().contains("/target/failsafe-reports/")
                            || f.toString().contains("/target/surefire-reports/"))));
    String runDir = System.getenv("STACK_RUN_DIR");
    if (runDir != null) {
      logs.addAll(
          files(
              Path.of(runDir),
              6,
              f ->
                  f.getFileName().toString().endsWith(".log")
                      && !f.getFileName().toString().startsWith("CommitLog")));
    }
    for (Path log : logs) {
      String text;
      try {
        text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
      } catch (java.nio.file.NoSuchFileException rotatedAway) {
        continue;
      }
      FINDINGS.addAll(scanner.scan(ROOT.relativize(log.toAbsolutePath()).toString(), text));
    }
    return logs.size();
  }

  /** Every document of every index of the run (the stack is fresh for each run). */
  private static int scanSearch(BiConsumer<String, JsonNode> scan) throws Exception {
    JsonNode indices = JSON.readTree(search("GET", "/_cat/indices?format=json&h=index", null));
    int count = 0;
    for (JsonNode index : indices) {
      String name = index.path("index").asText();
      if (name.startsWith(".")) {
        continue;
      }
      JsonNode page =
          JSON.readTree(
              search("POST", "/" + name + "/_search?scroll=1m&size=500", "{\"sort\":[\"_doc\"]}"));
      while (page.path("hits").path("hits").size() > 0) {
        for (JsonNode hit : page.path("hits").path("hits")) {
          scan.accept("search " + name + "/" + hit.path("_id").asText(), hit.path("_source"));
          count++;
        }
        page =
            JSON.readTree(
                search(
                    "POST",
                    "/_search/scroll",
                    "{\"scroll\":\"1m\",\"scroll_id\":\""
                        + page.path("_scroll_id").asText()
                        + "\"}"));
      }
    }
    return count;
  }

  private static String search(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + TestStack.searchPort() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
    return response.body();
  }

  /**
   * The cache holds one document per user, {@code user::<id>}; every user of every keyspace of the
   * run is looked up.
   */
  private static int scanCache(BiConsumer<String, JsonNode> scan) throws IOException {
    CouchbaseConnector couchbase =
        new CouchbaseConnector(
            JSON.convertValue(
                Map.of(
                    "managerPort", TestStack.couchbasePort(),
                    "kvPort", Integer.parseInt(TestStack.env("COUCHBASE_KV_PORT", "21210")),
                    "password", TestStack.env("COUCHBASE_BUCKET_PASSWORD", "profiles-pass")),
                CouchbaseSettings.class));
    int count = 0;
    try {
      couchbase.bucket().waitUntilReady(java.time.Duration.ofSeconds(60));
      for (String keyspace : keyspacesWith("user_events")) {
        for (Row row :
            cassandra
                .session()
                .execute("SELECT DISTINCT user_id FROM " + keyspace + ".user_events")) {
          UUID userId = row.getUUID("user_id");
          try {
            byte[] document =
                couchbase
                    .profiles()
                    .get(
                        "user::" + userId,
                        GetOptions.getOptions().transcoder(RawJsonTranscoder.INSTANCE))
                    .contentAs(byte[].class);
            scan.accept("cache user::" + userId, JSON.readTree(document));
            count++;
          } catch (DocumentNotFoundException notCached) {
            // erased, or never projected into this bucket
          }
        }
      }
    } finally {
      couchbase.stop();
    }
    return count;
  }

  /**
   * Regular files under {@code start} that {@code wanted} accepts; files the stores remove
   * meanwhile are skipped.
   */
  private static List<Path> files(Path start, int depth, java.util.function.Predicate<Path> wanted)
      throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        start,
        Set.of(),
        depth,
        new java.nio.file.SimpleFileVisitor<>() {
          @Override
          public java.nio.file.FileVisitResult visitFile(
              Path file, java.nio.file.attribute.BasicFileAttributes attributes) {
            if (attributes.isRegularFile() && wanted.test(file)) {
              found.add(file);
            }
            return java.nio.file.FileVisitResult.CONTINUE;
          }

          @Override
          public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
            return java.nio.file.FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  private static Path repoRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("platform"))
          && Files.isDirectory(dir.resolve("verification"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "repository root not found above " + Path.of("").toAbsolutePath());
  }
}
