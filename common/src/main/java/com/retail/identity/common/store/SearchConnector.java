package com.retail.identity.common.store;

import io.dropwizard.lifecycle.Managed;
import io.searchbox.client.JestClient;
import io.searchbox.client.JestClientFactory;
import io.searchbox.client.config.HttpClientConfig;
import java.io.IOException;

/**
 * The Jest client of the search cluster; connections are made lazily, so a node down at start is
 * not fatal.
 */
public final class SearchConnector implements Managed {
  private final JestClient client;
  private final String indexPrefix;

  public SearchConnector(SearchSettings settings) {
    JestClientFactory factory = new JestClientFactory();
    factory.setHttpClientConfig(
        new HttpClientConfig.Builder(settings.getUrls())
            .multiThreaded(true)
            .maxTotalConnection(settings.getMaxConnections())
            .defaultMaxTotalConnectionPerRoute(settings.getMaxConnections())
            .connTimeout(settings.getConnectTimeoutMillis())
            .readTimeout(settings.getReadTimeoutMillis())
            .build());
    this.client = factory.getObject();
    this.indexPrefix = settings.getIndexPrefix();
  }

  public JestClient client() {
    return client;
  }

  public String indexPrefix() {
    return indexPrefix;
  }

  @Override
  public void stop() throws IOException {
    client.close();
  }
}
