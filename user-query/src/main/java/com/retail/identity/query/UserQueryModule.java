package com.retail.identity.query;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.audit.AuditTrail;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CouchbaseConnector;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.SearchConnector;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.EndedSessionsView;
import com.retail.identity.query.core.CountryCatalog;
import com.retail.identity.query.core.ReadAuditTrail;
import com.retail.identity.query.core.ReadProfile;
import com.retail.identity.query.core.SearchUsers;
import com.retail.identity.query.resources.AuditResource;
import com.retail.identity.query.resources.ProfileResource;
import com.retail.identity.query.resources.ReferenceResource;
import com.retail.identity.query.resources.UserSearchResource;
import com.retail.identity.query.store.CouchbaseProfiles;
import com.retail.identity.query.store.SearchProfiles;
import com.retail.identity.readmodel.core.EventLog;
import com.retail.identity.readmodel.core.ProfileFolder;
import com.retail.identity.readmodel.core.ProjectionMetrics;
import com.retail.identity.readmodel.core.ProjectionState;
import com.retail.identity.readmodel.core.ProjectionTarget;
import com.retail.identity.readmodel.core.Projector;
import com.retail.identity.readmodel.core.ReferenceStore;
import com.retail.identity.readmodel.core.SearchTerms;
import com.retail.identity.readmodel.store.CassandraEventLog;
import com.retail.identity.readmodel.store.CassandraProjectionState;
import com.retail.identity.readmodel.store.CouchbaseProfileWriter;
import com.retail.identity.readmodel.store.RedisReferenceStore;
import com.retail.identity.readmodel.store.SearchProfileWriter;
import io.dropwizard.core.setup.Environment;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;

/** The read side's wiring: store adapters behind their ports, use cases, resources. */
final class UserQueryModule extends AbstractModule {
  private final UserQueryConfiguration configuration;
  private final Environment environment;
  private final ReadSideKnobs knobs;
  private final ServiceClient userCommand;

  UserQueryModule(
      UserQueryConfiguration configuration,
      Environment environment,
      ReadSideKnobs knobs,
      ServiceClient userCommand) {
    this.configuration = configuration;
    this.environment = environment;
    this.knobs = knobs;
    this.userCommand = userCommand;
  }

  @Provides
  @Singleton
  BearerAuth bearerAuth(EndedSessionsView endedSessions) {
    return BearerAuth.withKeysOf(userCommand, configuration.getTokens(), endedSessions);
  }

  @Provides
  @Singleton
  ProfileFolder folder(PersonalDataCipher cipher) {
    return new ProfileFolder(cipher);
  }

  @Provides
  @Singleton
  SearchTerms searchTerms() {
    return new SearchTerms(configuration.searchKey());
  }

  @Provides
  @Singleton
  SearchProfiles searchProfiles(SearchConnector search, SearchTerms terms) {
    return new SearchProfiles(search, terms);
  }

  @Provides
  @Singleton
  SearchProfileWriter searchProfileWriter(SearchConnector search, SearchTerms terms) {
    return new SearchProfileWriter(search, configuration.getProfileIndex(), terms);
  }

  @Provides
  @Singleton
  CouchbaseProfileWriter couchbaseProfileWriter(
      CouchbaseConnector couchbase, PersonalDataCipher cipher) {
    int threads = configuration.getProjection().getThreads();
    ExecutorService pool =
        environment
            .lifecycle()
            .executorService("profile-cache-%d")
            .minThreads(threads)
            .maxThreads(threads)
            .build();
    return new CouchbaseProfileWriter(couchbase, knobs.cacheTtlSeconds::get, pool, cipher);
  }

  @Provides
  @Singleton
  CouchbaseProfiles couchbaseProfiles(CouchbaseProfileWriter documents) {
    return new CouchbaseProfiles(documents);
  }

  @Provides
  @Singleton
  EventLog eventLog(CassandraConnector cassandra, LogBuckets buckets) {
    return new CassandraEventLog(cassandra, buckets);
  }

  @Provides
  @Singleton
  ProjectionState projectionState(CassandraConnector cassandra, LogBuckets buckets) {
    return new CassandraProjectionState(cassandra, buckets);
  }

  @Provides
  @Singleton
  ReferenceStore referenceStore(RedisConnector redis) {
    return new RedisReferenceStore(redis);
  }

  @Provides
  @Singleton
  ReadProfile readProfile(CouchbaseProfiles cache, EventStore events, ProfileFolder folder) {
    return new ReadProfile(
        cache,
        events::readStream,
        folder,
        () -> ReadSideKnobs.clamp(knobs.minVersionWaitMillis.get(), 0, 10_000));
  }

  @Provides
  @Singleton
  ProfileResource profileResource(ReadProfile read, Auditor auditor) {
    return new ProfileResource(read, auditor);
  }

  @Provides
  @Singleton
  AuditResource auditResource(AuditTrail trail, Auditor auditor) {
    return new AuditResource(new ReadAuditTrail(trail, auditor, Clock.systemUTC()));
  }

  @Provides
  @Singleton
  UserSearchResource userSearchResource(SearchProfiles index, ReadProfile read, Auditor auditor) {
    return new UserSearchResource(
        new SearchUsers(index, read, auditor),
        () -> ReadSideKnobs.clamp(knobs.searchRetryAfterSeconds.get(), 1, 300));
  }

  @Provides
  @Singleton
  ReferenceResource referenceResource(ReferenceStore store) {
    return new ReferenceResource(
        new CountryCatalog(
            store,
            () -> ReadSideKnobs.clamp(knobs.referenceCacheSeconds.get(), 0, 86_400),
            System::nanoTime));
  }

  /**
   * One projector per read model, each with its own checkpoint and lease, so one store down never
   * stalls the other. Started by the application when {@code projection.enabled}.
   */
  @Provides
  @Singleton
  List<Projector> projectors(
      SearchProfileWriter search,
      CouchbaseProfileWriter cache,
      EventLog log,
      EventStore events,
      ProfileFolder folder,
      ProjectionState state) {
    int threads = configuration.getProjection().getThreads();
    ExecutorService folds =
        environment
            .lifecycle()
            .executorService("projection-fold-%d")
            .minThreads(threads)
            .maxThreads(threads)
            .build();
    String owner =
        ManagementFactory.getRuntimeMXBean().getName()
            + ":"
            + UUID.randomUUID().toString().substring(0, 8);
    Duration lookback =
        Duration.ofMinutes(configuration.getProjection().getInitialLookbackMinutes());
    List<Projector> projectors = new ArrayList<>();
    for (ProjectionTarget target : List.<ProjectionTarget>of(search, cache)) {
      projectors.add(
          new Projector(
              target,
              log,
              events::readStream,
              folder,
              state,
              knobs.tuning(),
              new ProjectionMetrics(environment.metrics(), target.name()),
              folds,
              Clock.systemUTC(),
              lookback,
              owner));
    }
    return List.copyOf(projectors);
  }
}
