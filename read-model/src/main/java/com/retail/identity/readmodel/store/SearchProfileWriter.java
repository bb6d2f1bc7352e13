package com.retail.identity.readmodel.store;

import static com.retail.identity.readmodel.store.SearchRequest.failure;
import static com.retail.identity.readmodel.store.SearchRequest.readTree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.readmodel.core.Profile;
import com.retail.identity.readmodel.core.ProfileChange;
import com.retail.identity.readmodel.core.ProjectionTarget;
import com.retail.identity.readmodel.core.SearchTerms;
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
import java.util.Set;
import java.util.UUID;

/**
 * Writes profile documents to OpenSearch/Elasticsearch, through Jest: the projection target of the
 * search index. The live projector writes through the alias {@code <prefix>-profiles}, into the
 * versioned index behind it ({@code <prefix>-profiles-v1} at first), so the replayer can fill
 * another index and swap the alias without downtime. Writes use external versioning with the stream
 * version: the index itself refuses a version it already has or has passed.
 */
public final class SearchProfileWriter implements ProjectionTarget {
  public static final String PROJECTION = "profile-search";

  private final JestClient client;
  private final String alias;
  private final String writeTo;
  private final String projection;
  private final ProfileIndexSettings settings;
  private final SearchTerms terms;

  /** The live read model: writes through the alias. */
  public SearchProfileWriter(
      SearchConnector search, ProfileIndexSettings settings, SearchTerms terms) {
    this(
        search.client(),
        aliasOf(search.indexPrefix()),
        aliasOf(search.indexPrefix()),
        PROJECTION,
        settings,
        terms);
  }

  /**
   * A projection into one concrete index (the replayer's rebuild), under its own projection name
   * (checkpoint and lease), while reads keep going to the alias.
   */
  public SearchProfileWriter(
      JestClient client,
      String alias,
      String writeTo,
      String projection,
      ProfileIndexSettings settings,
      SearchTerms terms) {
    this.client = client;
    this.alias = alias;
    this.writeTo = writeTo;
    this.projection = projection;
    this.settings = settings;
    this.terms = terms;
  }

  /** The alias reads go to: {@code <prefix>-profiles}. */
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

  /**
   * Creates {@code <alias>-v1} with its mapping and the alias pointing at it, unless the alias
   * exists.
   */
  @Override
  public void prepare() {
    if (!writeTo.equals(alias)) {
      createIndex(writeTo, false);
      return;
    }
    JestResult existing = send(SearchRequest.get("/_alias/" + alias));
    if (existing.getResponseCode() == 200) {
      addNewFields();
      return;
    }
    if (existing.getResponseCode() != 404) {
      throw failure("alias lookup", existing);
    }
    createIndex(alias + "-v1", true);
  }

  /**
   * An index made with an older mapping gets the fields added since (a strict mapping refuses a
   * document with a field it lacks); adding fields is all a mapping change may do here.
   */
  private void addNewFields() {
    JsonNode properties = readTree(mappingTemplate()).path("mappings").path("properties");
    JestResult updated =
        send(
            SearchRequest.put(
                "/" + alias + "/_mapping", "{\"properties\":" + properties.toString() + "}"));
    if (!updated.isSucceeded()) {
      throw failure("add new fields to the mapping", updated);
    }
  }

  /**
   * Creates an index with the profile mapping (and the alias when {@code withAlias}); an existing
   * one is kept.
   */
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
    if (!"resource_already_exists_exception".equals(SearchRequest.errorType(created))) {
      throw failure("create index", created);
    }
    if (withAlias) { // another instance created the index first; make sure the alias is there too
      JestResult aliased =
          send(
              SearchRequest.post(
                  "/_aliases",
                  "{\"actions\":[{\"add\":{\"index\":\""
                      + index
                      + "\",\"alias\":\""
                      + alias
                      + "\"}}]}"));
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
    JestResult result =
        send(SearchRequest.post("/" + writeTo + "/_mget?_source=false", body.toString()));
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
      JsonNode item =
          items.path(i).elements().hasNext()
              ? items.path(i).elements().next()
              : ReadModelJson.JSON.nullNode();
      int status = item.path("status").asInt();
      boolean deleted =
          changes.get(i).isDelete()
              && status == 404; // nothing to delete: the tombstone is recorded anyway
      if (status == 200 || status == 201 || deleted) {
        outcomes.put(changes.get(i).userId(), Outcome.WRITTEN);
      } else if (status == 409) {
        outcomes.put(changes.get(i).userId(), Outcome.STALE);
      } else {
        errors.add(status + " " + item.path("error").path("type").asText("unknown"));
      }
    }
    if (!errors.isEmpty()) {
      // The whole page is retried: the items that did succeed are then refused as STALE,
      // harmlessly.
      throw new SearchStoreException(
          "bulk write failed for "
              + errors.size()
              + " of "
              + changes.size()
              + " documents, e.g. "
              + errors.get(0));
    }
    return outcomes;
  }

  /**
   * The search document: what a search filters and sorts on, and keyed hashes of what it matches
   * (email, phone, name-word prefixes); no name, address or number in the clear (ADR 0102). A hit
   * is shown from the sealed profile cache or the stream, never from this document.
   */
  public String document(Profile profile) {
    ObjectNode doc = ReadModelJson.JSON.createObjectNode();
    doc.put("userId", profile.userId().toString());
    if (profile.email() != null) {
      doc.put("emailHash", terms.email(profile.email()));
    }
    if (profile.phone() != null) {
      doc.put("phoneHash", terms.phone(profile.phone()));
    }
    ArrayNode names = doc.putArray("namePrefixes");
    terms.namePrefixes(profile.firstName(), profile.lastName()).forEach(names::add);
    doc.put("phoneVerified", profile.phoneVerified());
    doc.put("emailVerified", profile.emailVerified());
    if (profile.country() != null) {
      doc.put("country", profile.country());
    }
    if (profile.createdAt() != null) {
      doc.put("createdAt", profile.createdAt().toString());
    }
    doc.put("version", profile.version());
    return doc.toString();
  }

  private JestResult send(SearchRequest request) {
    return SearchRequest.send(client, request);
  }

  private static String mappingTemplate() {
    try (InputStream in =
        SearchProfileWriter.class.getResourceAsStream("/search/profiles-index.json")) {
      if (in == null) {
        throw new IllegalStateException("search/profiles-index.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
