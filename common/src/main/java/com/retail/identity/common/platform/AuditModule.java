package com.retail.identity.common.platform;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.audit.AuditTrail;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.store.CassandraAuditTrail;
import com.retail.identity.common.store.CassandraConnector;
import java.time.Clock;

/** The audit trail of staff acts (in Cassandra, beside the events), for every service. */
public final class AuditModule extends AbstractModule {
  private final String service;

  /**
   * @param service the service's name, as each of its entries records it
   */
  public AuditModule(String service) {
    this.service = service;
  }

  @Provides
  @Singleton
  AuditTrail auditTrail(CassandraConnector cassandra) {
    return new CassandraAuditTrail(cassandra);
  }

  @Provides
  @Singleton
  Auditor auditor(AuditTrail trail) {
    return new Auditor(trail, Clock.systemUTC(), service);
  }
}
