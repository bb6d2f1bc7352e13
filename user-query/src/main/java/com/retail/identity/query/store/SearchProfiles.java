package com.retail.identity.query.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.query.core.Profile;
import com.retail.identity.query.core.ProfileChange;
import com.retail.identity.query.core.ProfileIndex;
import com.retail.identity.query.core.ProjectionTarget;
import com.retail.identity.query.core.ReadModelUnavailable;
import com.retail.identity.query.core.UserHits;
import com.retail.identity.query.core.UserQuery;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Profile documents in OpenSearch/Elasticsearch, through Jest. Reads go to the alias
 * {@code <prefix>-profiles}; the projector writes through it too, into the versioned index behind
 * it ({@code <prefix>-profiles-v1} at first), so the replayer can fill {@code -v2} and swap the
 * alias without downtime. Writes use external versioning with the stream version: the index itself
 * refuses a version it already has or has passed.
 */
public final class SearchProfiles implements ProfileIndex, ProjectionTarget {
  public static final String PROJECTION = "profile-search";
  static final String GET_COMMAND = "profile-search-get";
  static final String SEARCH_COMMAND = "user-search";

  private final JestClient client;
  private final String alias;
  private final String writeTo;
  private final String projection;
  private final ProfileIndexSettings settings;

  /** The live read model: reads and writes through the alias. */
  public SearchProfiles(SearchConnector search, ProfileIndexSettings settings) {
    this(search.client(), aliasOf(search.indexPrefix()), aliasOf(search.indexPrefix()), PROJECTION, settings);
  }

  /**
   * A projection into one concrete index (the replayer's rebuild), under its own projection name
   * (checkpoint and lease), while reads keep going to the alias.
   */
  public SearchProfiles(JestClient client, String alias, String writeTo, String projection,
      ProfileIndexSettings settings) {
    this.client = client;
    this.alias = alias;
    this.writeTo = writeTo;
    this.projection = projection;
    this.settings = settings;
  }

  public static String aliasOf(String indexPrefix) {
    return indexPrefix + "-profiles";
  }

  public String alias() {
    return alias;
  }

  @Override
  public String name() {
    return projection;
  }

  /** Creates {@code <alias>-v1} with its mapping and the alias pointing at it, unless the alias exists. */
  @Override
  public void prepare() {
    if (!writeTo.equals(alias)) {
      createIndex(writeTo, false);
      return;
    }
    JestResult existing = send(SearchRequest.get("/_alias/" + alias));
    if (existing.getResponseCode() == 200) {
      return;
    }
    if (existing.getResponseCode() != 404) {
      throw failure("alias lookup", existing);
    }
    createIndex(alias + "-v1", true);
  }

  /** Creates an index with the profile mapping (and the alias when {@code withAlias}); an existing one is kept. */
  public void createIndex(String index, boolean withAlias) {
    ObjectNode body = (ObjectNode) readTree(mappingTemplate());
    ObjectNode indexSettings = (ObjectNode) body.path("settings");
    indexSettings.put("number_of_shards", settings.getShards());
    indexSettings.put("number_of_replicas", settings.getReplicas());
    indexSettings.put("refresh_interval", settings.getRefreshInterval());
    if (withAlias) {
      body.putObject("aliases").putObject(alias);
    }
    JestResult created = send(SearchRequest.put("/" + index, body.toString()));
    if (created.isSucceeded()) {
      return;
    }
    if (!"resource_already_exists_exception".equals(errorType(created))) {
      throw failure("create index", created);
    }
    if (withAlias) { // another instance created the index first; make sure the alias is there too
      JestResult aliased = send(SearchRequest.post("/_aliases",
          "{\"actions\":[{\"add\":{\"index\":\"" + index + "\",\"alias\":\"" + alias + "\"}}]}"));
      if (!aliased.isSucceeded()) {
        throw failure("add alias", aliased);
      }
    }
  }

  @Override
  public Map<UUID, Long> versions(Set<UUID> userIds) {
    ObjectNode body = ReadModelJson.JSON.createObjectNode();
    ArrayNode ids = body.putArray("ids");
    userIds.forEach(id -> ids.add(id.toString()));
    JestResult result = send(SearchRequest.post("/" + writeTo + "/_mget?_source=false", body.toString()));
    if (!result.isSucceeded()) {
      throw failure("multi-get", result);
    }
    Map<UUID, Long> versions = new HashMap<>();
    for (JsonNode doc : readTree(result.getJsonString()).path("docs")) {
      if (doc.path("found").asBoolean(false)) {
        versions.put(UUID.fromString(doc.path("_id").asText()), doc.path("_version").asLong());
      }
    }
    return versions;
  }

  @Override
  public Map<UUID, Outcome> apply(List<ProfileChange> changes) {
    StringBuilder bulk = new StringBuilder();
    for (ProfileChange change : changes) {
      ObjectNode meta = ReadModelJson.JSON.createObjectNode();
      ObjectNode action = meta.putObject(change.isDelete() ? "delete" : "index");
      action.put("_index", writeTo);
      action.put("_id", change.userId().toString());
      action.put("version", change.version());
      action.put("version_type", "external");
      bulk.append(meta).append('\n');
      if (!change.isDelete()) {
        bulk.append(document(change.profile())).append('\n');
      }
    }
    JestResult result = send(SearchRequest.post("/_bulk", bulk.toString()));
    if (!result.isSucceeded()) {
      throw failure("bulk", result);
    }
    Map<UUID, Outcome> outcomes = new HashMap<>();
    List<String> errors = new ArrayList<>();
    JsonNode items = readTree(result.getJsonString()).path("items");
    for (int i = 0; i < changes.size(); i++) {
      JsonNode item = items.path(i).elements().hasNext() ? items.path(i).elements().next() : ReadModelJson.JSON.nullNode();
      int status = item.path("status").asInt();
      boolean deleted = changes.get(i).isDelete() && status == 404; // nothing to delete: the tombstone is recorded anyway
      if (status == 200 || status == 201 || deleted) {
        outcomes.put(changes.get(i).userId(), Outcome.WRITTEN);
      } else if (status == 409) {
        outcomes.put(changes.get(i).userId(), Outcome.STALE);
      } else {
        errors.add(status + " " + item.path("error").path("type").asText("unknown"));
      }
    }
    if (!errors.isEmpty()) {
      // The whole page is retried: the items that did succeed are then refused as STALE, harmlessly.
      throw new SearchStoreException("bulk write failed for " + errors.size() + " of " + changes.size()
          + " documents, e.g. " + errors.get(0));
    }
    return outcomes;
  }

  @Override
  public Optional<Profile> find(UUID userId) {
    return StoreCommand.execute(GET_COMMAND, 500, () -> {
      JestResult result = send(SearchRequest.get("/" + alias + "/_doc/" + userId));
      if (result.getResponseCode() == 404) {
        return Optional.<Profile>empty();
      }
      if (!result.isSucceeded()) {
        throw failure("get", result);
      }
      JsonNode doc = readTree(result.getJsonString());
      return doc.path("found").asBoolean(false)
          ? Optional.of(ReadModelJson.JSON.treeToValue(doc.path("_source"), Profile.class))
          : Optional.<Profile>empty();
    }, reason -> Optional.empty());
  }

  @Override
  public UserHits search(UserQuery query) {
    Object[] failure = new Object[1];
    UserHits hits = StoreCommand.execute(SEARCH_COMMAND, 2000, () -> {
      JestResult result = send(SearchRequest.post("/" + alias + "/_search", SearchQueries.body(query).toString()));
      if (!result.isSucceeded()) {
        throw failure("search", result);
      }
      return SearchQueries.hits(readTree(result.getJsonString()));
    }, reason -> {
      failure[0] = reason;
      return null;
    });
    if (hits == null) {
      Throwable reason = failure[0] instanceof Throwable t ? t : null;
      throw new ReadModelUnavailable("search is unavailable: " + (reason == null ? "failed" : reason.getMessage()), reason);
    }
    return hits;
  }

  /** The search document: the profile plus the full name that name-prefix search matches. */
  static String document(Profile profile) {
    ObjectNode doc = ReadModelJson.JSON.valueToTree(profile);
    String name = ((profile.firstName() == null ? "" : profile.firstName()) + " "
        + (profile.lastName() == null ? "" : profile.lastName())).strip();
    doc.put("name", name);
    return doc.toString();
  }

  private JestResult send(SearchRequest request) {
    try {
      return client.execute(request);
    } catch (IOException e) {
      throw new SearchStoreException("search unreachable (" + request + "): " + e.getMessage(), e);
    }
  }

  private static String errorType(JestResult result) {
    try {
      return readTree(result.getJsonString()).path("error").path("type").asText("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  /** Names the status and the error type only: reasons can quote document values (personal data). */
  private static SearchStoreException failure(String what, JestResult result) {
    return new SearchStoreException(what + " answered " + result.getResponseCode() + " " + errorType(result));
  }

  private static JsonNode readTree(String json) {
    try {
      return ReadModelJson.JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new SearchStoreException("search answered something that is not JSON", e);
    }
  }

  private static String mappingTemplate() {
    try (InputStream in = SearchProfiles.class.getResourceAsStream("/search/profiles-index.json")) {
      if (in == null) {
        throw new IllegalStateException("search/profiles-index.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The search store failed or refused a request. */
  static final class SearchStoreException extends RuntimeException {
    SearchStoreException(String message) {
      super(message);
    }

    SearchStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
