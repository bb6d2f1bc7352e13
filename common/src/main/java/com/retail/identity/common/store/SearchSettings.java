package com.retail.identity.common.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/** The OpenSearch/Elasticsearch cluster that serves profile search. */
public class SearchSettings {
  @JsonProperty @NotEmpty
  private List<@Pattern(regexp = "https?://.+", message = "must be an http(s) URL") String> urls =
      List.of("http://127.0.0.1:9200");

  /**
   * Prefix of every index and alias the platform creates, so environments and test runs never meet.
   */
  @JsonProperty
  @NotEmpty
  @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be a lower-case index name")
  private String indexPrefix = "identity";

  @JsonProperty
  @Min(100)
  private int readTimeoutMillis = 3000;

  @JsonProperty
  @Min(100)
  private int connectTimeoutMillis = 1000;

  @JsonProperty
  @Min(1)
  private int maxConnections = 32;

  public List<String> getUrls() {
    return urls;
  }

  public void setUrls(List<String> urls) {
    this.urls = urls;
  }

  public String getIndexPrefix() {
    return indexPrefix;
  }

  public void setIndexPrefix(String indexPrefix) {
    this.indexPrefix = indexPrefix;
  }

  /**
   * A batch job (a rebuild) waits longer on a busy node than a request may: bulk pages and index
   * creation.
   */
  public void atLeastReadTimeoutMillis(int millis) {
    readTimeoutMillis = Math.max(readTimeoutMillis, millis);
  }

  public int getReadTimeoutMillis() {
    return readTimeoutMillis;
  }

  public int getConnectTimeoutMillis() {
    return connectTimeoutMillis;
  }

  public int getMaxConnections() {
    return maxConnections;
  }
}
