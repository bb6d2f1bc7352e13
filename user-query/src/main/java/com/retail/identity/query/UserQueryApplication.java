package com.retail.identity.query;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.platform.AuditModule;
import com.retail.identity.common.platform.EndedSessionsModule;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.query.health.ProjectionLagHealthCheck;
import com.retail.identity.query.resources.AuditResource;
import com.retail.identity.query.resources.ProfileResource;
import com.retail.identity.query.resources.QueryProblemMappers;
import com.retail.identity.query.resources.ReferenceResource;
import com.retail.identity.query.resources.UserSearchResource;
import com.retail.identity.readmodel.core.Projector;
import com.retail.identity.readmodel.core.ReferenceDataLoader;
import com.retail.identity.readmodel.core.ReferenceStore;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side: profile reads, admin search and reference data, fed by projections of the event
 * log.
 */
public class UserQueryApplication extends PlatformApplication<UserQueryConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(UserQueryApplication.class);
  private final List<Projector> projectors = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    new UserQueryApplication().run(args);
  }

  @Override
  public String getName() {
    return "user-query";
  }

  /** The projectors this instance runs (empty when {@code projection.enabled} is false). */
  public List<Projector> projectors() {
    return List.copyOf(projectors);
  }

  @Override
  protected void runService(UserQueryConfiguration configuration, Environment environment) {
    StoresModule stores =
        new StoresModule(environment)
            .cassandra(configuration.getCassandra())
            .search(configuration.getSearch())
            .couchbase(configuration.getCouchbase())
            .redis(configuration.getRedis());
    ServiceClient userCommand =
        new ServiceClient(
            configuration.getUserCommandClient(),
            registration(),
            configuration.getUserCommandVip());
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void stop() {
                userCommand.close();
              }
            });
    ReadSideKnobs knobs = new ReadSideKnobs();
    Injector injector =
        Guice.createInjector(
            stores,
            new PersonalDataModule(
                configuration.getMasterKey(),
                configuration.eventLogBucket(),
                configuration.eventLogShards()),
            new EndedSessionsModule(environment, configuration.getTokens()),
            new AuditModule("user-query"),
            new UserQueryModule(configuration, environment, knobs, userCommand));
    auditTasksWith(injector.getInstance(Auditor.class));
    environment.jersey().register(new QueryProblemMappers());
    environment.jersey().register(injector.getInstance(BearerAuth.class));
    environment.jersey().register(injector.getInstance(ProfileResource.class));
    environment.jersey().register(injector.getInstance(UserSearchResource.class));
    environment.jersey().register(injector.getInstance(ReferenceResource.class));
    environment.jersey().register(injector.getInstance(AuditResource.class));
    environment.jersey().register(OpenApiDocument.resource(openApiConfiguration()));

    if (configuration.getProjection().isEnabled()) {
      startProjectors(injector, environment);
    }
    environment
        .healthChecks()
        .register(
            "projection-lag",
            new ProjectionLagHealthCheck(
                projectors, () -> ReadSideKnobs.clamp(knobs.maxLagSeconds.get(), 1, 86_400)));
    if (configuration.getReferenceData().isLoadIfMissing()) {
      loadReferenceDataWhenMissing(environment, injector.getInstance(ReferenceStore.class));
    }
  }

  /** Starts and stops the module's projectors with the service. */
  private void startProjectors(Injector injector, Environment environment) {
    projectors.addAll(injector.getInstance(Key.get(new TypeLiteral<List<Projector>>() {})));
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                projectors.forEach(Projector::start);
              }

              @Override
              public void stop() {
                projectors.forEach(Projector::stop);
              }
            });
  }

  /**
   * Local and test stacks: the shipped reference data goes into Redis at start when it is missing.
   */
  private static void loadReferenceDataWhenMissing(Environment environment, ReferenceStore store) {
    environment
        .lifecycle()
        .manage(
            new Managed() {
              @Override
              public void start() {
                Thread loader =
                    new Thread(
                        () -> {
                          for (int attempt = 1; attempt <= 30; attempt++) {
                            try {
                              if (new ReferenceDataLoader(store).loadIfMissing()) {
                                LOG.info("Loaded the shipped reference data into Redis");
                              }
                              return;
                            } catch (RuntimeException e) {
                              LOG.warn(
                                  "Reference data not loaded yet (attempt {}): {}",
                                  attempt,
                                  e.toString());
                              try {
                                Thread.sleep(2000);
                              } catch (InterruptedException interrupted) {
                                return;
                              }
                            }
                          }
                        },
                        "reference-data-loader");
                loader.setDaemon(true);
                loader.start();
              }
            });
  }

  /** {@code GET /openapi.json} ({@link OpenApiDocument}). */
  @Override
  public SwaggerConfiguration openApiConfiguration() {
    return OpenApiDocument.configuration(
        "user-query",
        "Profiles, admin search, reference data and the audit trail of the identity platform (the read side).",
        "com.retail.identity.query.resources");
  }
}
