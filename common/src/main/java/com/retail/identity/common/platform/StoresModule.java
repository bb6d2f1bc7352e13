package com.retail.identity.common.platform;

import com.google.inject.AbstractModule;
import com.retail.identity.common.health.StoreHealthChecks;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraSettings;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.CouchbaseSettings;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisSettings;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.common.store.SearchSettings;
import io.dropwizard.core.setup.Environment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Guice bindings for the stores a service declares: each connector is opened once, closed with the
 * service and reported by a health check named after the store.
 */
public final class StoresModule extends AbstractModule {
  private final Environment environment;
  private final Map<Class<?>, Object> connectors = new LinkedHashMap<>();

  public StoresModule(Environment environment) {
    this.environment = environment;
  }

  public StoresModule cassandra(CassandraSettings settings) {
    CassandraConnector connector = new CassandraConnector(settings);
    environment.lifecycle().manage(connector);
    environment.healthChecks().register("cassandra", StoreHealthChecks.cassandra(connector));
    connectors.put(CassandraConnector.class, connector);
    return this;
  }

  public StoresModule search(SearchSettings settings) {
    SearchConnector connector = new SearchConnector(settings);
    environment.lifecycle().manage(connector);
    environment.healthChecks().register("search", StoreHealthChecks.search(connector));
    connectors.put(SearchConnector.class, connector);
    return this;
  }

  public StoresModule couchbase(CouchbaseSettings settings) {
    CouchbaseConnector connector = new CouchbaseConnector(settings);
    environment.lifecycle().manage(connector);
    environment.healthChecks().register("couchbase", StoreHealthChecks.couchbase(connector));
    connectors.put(CouchbaseConnector.class, connector);
    return this;
  }

  public StoresModule redis(RedisSettings settings) {
    RedisConnector connector = new RedisConnector(settings);
    environment.lifecycle().manage(connector);
    environment.healthChecks().register("redis", StoreHealthChecks.redis(connector));
    connectors.put(RedisConnector.class, connector);
    return this;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  protected void configure() {
    connectors.forEach((type, instance) -> bind((Class) type).toInstance(instance));
  }
}
