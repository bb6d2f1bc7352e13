package com.retail.identity.common.store;

import com.couchbase.client.core.env.SeedNode;
import com.couchbase.client.java.Bucket;
import com.couchbase.client.java.Cluster;
import com.couchbase.client.java.ClusterOptions;
import com.couchbase.client.java.Collection;
import com.couchbase.client.java.env.ClusterEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/** The profile-cache bucket. */
public final class CouchbaseConnector implements Managed {
  private final ClusterEnvironment environment;
  private final Cluster cluster;
  private final Bucket bucket;

  public CouchbaseConnector(CouchbaseSettings settings) {
    Duration timeout = Duration.ofMillis(settings.getTimeoutMillis());
    int kvPort = settings.getKvPort() != 0 ? settings.getKvPort() : discoverKvPort(settings);
    this.environment =
        ClusterEnvironment.builder()
            .timeoutConfig(t -> t.kvTimeout(timeout).connectTimeout(Duration.ofSeconds(5)))
            // The SDK's logging meter keeps LatencyUtils' pause detector: threads that wake every
            // millisecond, a third of an idle user-query's CPU. Cache latency is measured by the
            // service's own metrics (README findings, row 18).
            .loggingMeterConfig(m -> m.enabled(false))
            .build();
    SeedNode seed =
        SeedNode.create(
            settings.getHost(), Optional.of(kvPort), Optional.of(settings.getManagerPort()));
    this.cluster =
        Cluster.connect(
            Set.of(seed),
            ClusterOptions.clusterOptions(settings.getUsername(), settings.getPassword())
                .environment(environment));
    this.bucket = cluster.bucket(settings.getBucket());
  }

  /** Asks the cluster manager which key-value port serves the bucket. */
  static int discoverKvPort(CouchbaseSettings settings) {
    URI uri =
        URI.create(
            "http://"
                + settings.getHost()
                + ":"
                + settings.getManagerPort()
                + "/pools/default/buckets/"
                + settings.getBucket());
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (settings.getUsername() + ":" + settings.getPassword())
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(5))
            .header("Authorization", "Basic " + credentials)
            .build();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Couchbase bucket "
                + settings.getBucket()
                + " not found at "
                + uri
                + " (HTTP "
                + response.statusCode()
                + ")");
      }
      JsonNode direct =
          new ObjectMapper()
              .readTree(response.body())
              .path("nodes")
              .path(0)
              .path("ports")
              .path("direct");
      if (!direct.canConvertToInt() || direct.asInt() <= 0) {
        throw new IllegalStateException("Couchbase at " + uri + " did not name a key-value port");
      }
      return direct.asInt();
    } catch (IOException e) {
      throw new IllegalStateException("Couchbase cluster manager unreachable at " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while asking Couchbase for its key-value port", e);
    }
  }

  public Collection profiles() {
    return bucket.defaultCollection();
  }

  public Bucket bucket() {
    return bucket;
  }

  @Override
  public void stop() {
    cluster.disconnect();
    environment.shutdown();
  }
}
