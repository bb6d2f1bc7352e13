package com.retail.identity.common.health;

import com.codahale.metrics.health.HealthCheck;
import com.couchbase.client.core.error.DocumentNotFoundException;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.SearchConnector;
import io.searchbox.client.JestResult;
import io.searchbox.cluster.Health;

/**
 * One health check per store; each reports in one line why it failed, never a secret or a stack
 * trace.
 */
public final class StoreHealthChecks {
  private StoreHealthChecks() {}

  /** A check whose exceptions become a one-line unhealthy result. */
  private abstract static class StoreCheck extends HealthCheck {
    @Override
    protected final Result check() {
      try {
        return probe();
      } catch (Exception e) {
        return Result.unhealthy(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }

    protected abstract Result probe() throws Exception;
  }

  public static HealthCheck cassandra(CassandraConnector cassandra) {
    return new StoreCheck() {
      @Override
      protected Result probe() {
        String version =
            cassandra
                .session()
                .execute("SELECT release_version FROM system.local")
                .one()
                .getString(0);
        boolean schema =
            cassandra.session().getCluster().getMetadata().getKeyspace(cassandra.keyspace())
                != null;
        return schema
            ? Result.healthy("Cassandra " + version + ", keyspace " + cassandra.keyspace())
            : Result.unhealthy("keyspace " + cassandra.keyspace() + " does not exist yet");
      }
    };
  }

  public static HealthCheck search(SearchConnector search) {
    return new StoreCheck() {
      @Override
      protected Result probe() throws Exception {
        JestResult result = search.client().execute(new Health.Builder().timeout(2).build());
        if (!result.isSucceeded()) {
          return Result.unhealthy("cluster health answered " + result.getResponseCode());
        }
        String status = result.getJsonObject().get("status").getAsString();
        return "red".equals(status)
            ? Result.unhealthy("cluster status red")
            : Result.healthy("cluster status " + status);
      }
    };
  }

  public static HealthCheck couchbase(CouchbaseConnector couchbase) {
    return new StoreCheck() {
      @Override
      protected Result probe() {
        try {
          couchbase.profiles().get("health::probe");
        } catch (DocumentNotFoundException expected) {
          // The bucket answered; the probe document is never written.
        }
        return Result.healthy("bucket " + couchbase.bucket().name());
      }
    };
  }

  public static HealthCheck redis(RedisConnector redis) {
    return new StoreCheck() {
      @Override
      protected Result probe() {
        String pong = redis.redis().ping();
        return "PONG".equals(pong) ? Result.healthy() : Result.unhealthy("PING answered " + pong);
      }
    };
  }
}
