package com.retail.identity.replayer.store;

import com.google.gson.JsonElement;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.readmodel.core.ProjectionTarget;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.ProfileIndexSettings;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import com.retail.identity.replayer.core.SearchIndexes;
import io.searchbox.action.Action;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;
import io.searchbox.indices.DeleteIndex;
import io.searchbox.indices.Refresh;
import io.searchbox.indices.aliases.AddAliasMapping;
import io.searchbox.indices.aliases.AliasMapping;
import io.searchbox.indices.aliases.GetAliases;
import io.searchbox.indices.aliases.ModifyAliases;
import io.searchbox.indices.aliases.RemoveAliasMapping;
import io.searchbox.indices.settings.GetSettings;
import io.searchbox.indices.settings.UpdateSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The profile indices on OpenSearch/Elasticsearch, through Jest; documents are written by
 * read-model's writer.
 */
public final class JestSearchIndexes implements SearchIndexes {
  private final JestClient client;
  private final String alias;
  private final ProfileIndexSettings settings;

  public JestSearchIndexes(SearchConnector connector, ProfileIndexSettings settings) {
    this.client = connector.client();
    this.alias = SearchProfileWriter.aliasOf(connector.indexPrefix());
    this.settings = settings;
  }

  @Override
  public String alias() {
    return alias;
  }

  @Override
  public ProjectionTarget writerInto(String index, String projection) {
    return new SearchProfileWriter(
        client, alias, index, projection, settings, new SearchTerms(settings.searchKey()));
  }

  @Override
  public void pauseRefresh(String index) {
    setRefresh(index, "-1");
  }

  @Override
  public void resumeRefresh(String index) {
    setRefresh(index, settings.getRefreshInterval());
    JestResult refreshed = execute(new Refresh.Builder().addIndex(index).build());
    if (!refreshed.isSucceeded()) {
      throw new IllegalStateException(
          "refresh of " + index + " failed: " + refreshed.getErrorMessage());
    }
  }

  @Override
  public List<String> pointAliasAt(String index) {
    JestResult current = execute(new GetAliases.Builder().addIndex(alias).build());
    List<String> previous = new ArrayList<>();
    if (current.isSucceeded()) {
      for (Map.Entry<String, JsonElement> entry : current.getJsonObject().entrySet()) {
        if (!entry.getKey().equals(index)) {
          previous.add(entry.getKey());
        }
      }
    }
    List<AliasMapping> actions = new ArrayList<>();
    for (String old : previous) {
      actions.add(new RemoveAliasMapping.Builder(old, alias).build());
    }
    actions.add(new AddAliasMapping.Builder(index, alias).build());
    JestResult swapped = execute(new ModifyAliases.Builder(actions).build());
    if (!swapped.isSucceeded()) {
      throw new IllegalStateException("alias swap failed: " + swapped.getErrorMessage());
    }
    return previous;
  }

  @Override
  public Map<String, Instant> family() {
    JestResult settings = execute(new GetSettings.Builder().addIndex(alias + "-*").build());
    Map<String, Instant> family = new java.util.LinkedHashMap<>();
    if (settings.isSucceeded()) {
      for (Map.Entry<String, JsonElement> entry : settings.getJsonObject().entrySet()) {
        JsonElement created =
            entry
                .getValue()
                .getAsJsonObject()
                .getAsJsonObject("settings")
                .getAsJsonObject("index")
                .get("creation_date");
        family.put(entry.getKey(), Instant.ofEpochMilli(created.getAsLong()));
      }
    }
    return family;
  }

  @Override
  public java.util.Set<String> aliasTargets() {
    JestResult current = execute(new GetAliases.Builder().addIndex(alias).build());
    return current.isSucceeded()
        ? java.util.Set.copyOf(current.getJsonObject().keySet())
        : java.util.Set.of();
  }

  @Override
  public void delete(String index) {
    JestResult deleted = execute(new DeleteIndex.Builder(index).build());
    if (!deleted.isSucceeded()) {
      throw new IllegalStateException("cannot delete " + index + ": " + deleted.getErrorMessage());
    }
  }

  private void setRefresh(String index, String interval) {
    JestResult result =
        execute(
            new UpdateSettings.Builder("{\"index\":{\"refresh_interval\":\"" + interval + "\"}}")
                .addIndex(index)
                .build());
    if (!result.isSucceeded()) {
      throw new IllegalStateException(
          "cannot set refresh_interval of " + index + ": " + result.getErrorMessage());
    }
  }

  private <T extends JestResult> T execute(Action<T> action) {
    try {
      return client.execute(action);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
