package com.retail.identity.readmodel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.Gson;
import io.searchbox.action.Action;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestResult;
import io.searchbox.client.config.ElasticsearchVersion;
import java.io.IOException;
import java.util.Map;

/**
 * One plain REST call through the Jest client: method, path and body exactly as the search API
 * wants them. Jest's typed actions carry 6.x habits (types, bulk metadata) that OpenSearch 2 and
 * Elasticsearch 7 refuse or misread, so the adapter writes the requests itself and parses the
 * answers with Jackson.
 */
public final class SearchRequest implements Action<JestResult> {
  private final String method;
  private final String path;
  private final String body;

  private SearchRequest(String method, String path, String body) {
    this.method = method;
    this.path = path;
    this.body = body;
  }

  public static SearchRequest get(String path) {
    return new SearchRequest("GET", path, null);
  }

  public static SearchRequest post(String path, String body) {
    return new SearchRequest("POST", path, body);
  }

  public static SearchRequest put(String path, String body) {
    return new SearchRequest("PUT", path, body);
  }

  /** Sends the request; an unreachable store is a {@link SearchStoreException}. */
  public static JestResult send(JestClient client, SearchRequest request) {
    try {
      return client.execute(request);
    } catch (IOException e) {
      throw new SearchStoreException("search unreachable (" + request + "): " + e.getMessage(), e);
    }
  }

  /**
   * Names the status and the error type only: reasons can quote document values (personal data).
   */
  public static SearchStoreException failure(String what, JestResult result) {
    return new SearchStoreException(
        what + " answered " + result.getResponseCode() + " " + errorType(result));
  }

  static String errorType(JestResult result) {
    try {
      return readTree(result.getJsonString()).path("error").path("type").asText("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  public static JsonNode readTree(String json) {
    try {
      return ReadModelJson.JSON.readTree(json == null ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw new SearchStoreException("search answered something that is not JSON", e);
    }
  }

  @Override
  public String getRestMethodName() {
    return method;
  }

  @Override
  public String getURI(ElasticsearchVersion version) {
    return path;
  }

  @Override
  public String getData(Gson gson) {
    return body;
  }

  @Override
  public String getPathToResult() {
    return null;
  }

  @Override
  public Map<String, Object> getHeaders() {
    return Map.of();
  }

  @Override
  public JestResult createNewElasticSearchResult(
      String responseBody, int statusCode, String reasonPhrase, Gson gson) {
    JestResult result = new JestResult(gson);
    result.setResponseCode(statusCode);
    result.setJsonString(responseBody);
    result.setSucceeded(statusCode / 100 == 2);
    if (statusCode / 100 != 2) {
      result.setErrorMessage(statusCode + " " + reasonPhrase);
    }
    return result;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
