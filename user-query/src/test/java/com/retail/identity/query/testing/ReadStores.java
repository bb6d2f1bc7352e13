package com.retail.identity.query.testing;

import com.couchbase.client.core.error.DocumentNotFoundException;
import com.couchbase.client.java.codec.RawJsonTranscoder;
import com.couchbase.client.java.kv.GetOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.CouchbaseSettings;
import com.retail.identity.common.testing.TestStack;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.ProfileIndexSettings;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Looks at the read models directly, as an operator would: the search index over HTTP, the cache
 * bucket by key.
 */
public final class ReadStores implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private CouchbaseConnector couchbase;

  /** The terms of the test stack's index (user-query runs with the local search key). */
  public static final SearchTerms TERMS = new SearchTerms(new ProfileIndexSettings().searchKey());

  private static final SearchProfileWriter DOCUMENTS =
      new SearchProfileWriter(null, "unused", "unused", "unused", null, TERMS);

  /**
   * The search document's source the projector writes for a profile (with the local search key, as
   * the test stack's user-query has): what a document must equal to be the fold of its stream.
   */
  public static JsonNode searchSourceOf(Profile profile) {
    try {
      return JSON.readTree(DOCUMENTS.document(profile));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String alias() {
    return alias(TestStack.env("SEARCH_INDEX_PREFIX", "it-manual"));
  }

  public static String alias(String indexPrefix) {
    return indexPrefix + "-profiles";
  }

  /** The search document's source with its {@code _version}, or empty. */
  public Optional<JsonNode> searchDocument(String alias, UUID userId)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(search("/" + alias + "/_doc/" + userId))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    JsonNode doc = JSON.readTree(response.body());
    return doc.path("found").asBoolean() ? Optional.of(doc) : Optional.empty();
  }

  /** Documents in the index, after a refresh so the count is exact. */
  public long searchCount(String alias) throws IOException, InterruptedException {
    http.send(
        HttpRequest.newBuilder(search("/" + alias + "/_refresh"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(search("/" + alias + "/_count")).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body()).path("count").asLong(-1);
  }

  /** The cache document {@code user::<id>}, or empty. */
  public Optional<JsonNode> cacheDocument(UUID userId) throws IOException {
    try {
      byte[] content =
          couchbase()
              .profiles()
              .get(
                  "user::" + userId, GetOptions.getOptions().transcoder(RawJsonTranscoder.INSTANCE))
              .contentAs(byte[].class);
      return Optional.of(JSON.readTree(content));
    } catch (DocumentNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Writes a cache document as it is given (a document of an earlier format, say). */
  public void putCacheDocument(UUID userId, String json) {
    couchbase()
        .profiles()
        .upsert(
            "user::" + userId,
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            com.couchbase.client.java.kv.UpsertOptions.upsertOptions()
                .transcoder(RawJsonTranscoder.INSTANCE));
  }

  /**
   * The profile a cache document seals, opened with the user's data key (with its {@code version});
   * a missing node when it cannot be opened (no seal, or the key is gone).
   */
  public static JsonNode opened(UUID userId, JsonNode cacheDocument, PersonalDataCipher cipher) {
    JsonNode ciphertext = cacheDocument.path("sealed");
    return ciphertext.isTextual()
        ? cipher.open(userId, ciphertext.asText(), JsonNode.class).orElse(MissingNode.getInstance())
        : MissingNode.getInstance();
  }

  /** The profile the cache holds for a user, opened, or empty. */
  public Optional<JsonNode> cachedProfile(UUID userId, PersonalDataCipher cipher)
      throws IOException {
    return cacheDocument(userId)
        .map(doc -> opened(userId, doc, cipher))
        .filter(profile -> !profile.isMissingNode());
  }

  private synchronized CouchbaseConnector couchbase() {
    if (couchbase == null) {
      couchbase =
          new CouchbaseConnector(
              JSON.convertValue(
                  Map.of(
                      "managerPort", TestStack.couchbasePort(),
                      "kvPort", Integer.parseInt(TestStack.env("COUCHBASE_KV_PORT", "21210")),
                      "password", TestStack.env("COUCHBASE_BUCKET_PASSWORD", "profiles-pass")),
                  CouchbaseSettings.class));
    }
    return couchbase;
  }

  private static URI search(String path) {
    return URI.create("http://127.0.0.1:" + TestStack.searchPort() + path);
  }

  @Override
  public synchronized void close() {
    if (couchbase != null) {
      couchbase.stop();
    }
  }
}
