package com.retail.identity.common.platform;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.config.KnobTask;
import com.retail.identity.common.config.Knobs;
import com.retail.identity.common.discovery.EurekaRegistration;
import com.retail.identity.common.discovery.HystrixStreamServlet;
import com.retail.identity.common.errors.DomainProblemMappers;
import com.retail.identity.common.errors.JsonProblemMapper;
import com.retail.identity.common.errors.ProblemErrorHandler;
import com.retail.identity.common.errors.ProblemExceptionMapper;
import com.retail.identity.common.errors.RemoteUnavailableMapper;
import com.retail.identity.common.errors.UnexpectedProblemMapper;
import com.retail.identity.common.errors.ViolationProblemMapper;
import com.retail.identity.common.errors.WebApplicationProblemMapper;
import com.retail.identity.common.http.BodyLimitFilter;
import com.retail.identity.common.http.CorsFilter;
import com.retail.identity.common.http.InternalApi;
import com.retail.identity.common.http.JsonWriterAnnotations;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.http.OperatorTaskFilter;
import com.retail.identity.common.http.RequestIdFilter;
import com.retail.identity.common.http.TaskExchange;
import com.retail.identity.common.store.StoreUnavailableMapper;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service shares: layered dynamic knobs, problem+json errors, request ids, CORS, the
 * body limit, the Hystrix stream on the admin port and Eureka registration. Services implement
 * {@link #runService}.
 */
public abstract class PlatformApplication<C extends PlatformConfiguration> extends Application<C> {
  private static final Logger LOG = LoggerFactory.getLogger(PlatformApplication.class);

  /** Deepest JSON nesting accepted before any work is done. */
  public static final int MAX_JSON_DEPTH = 32;

  /** Longest JSON string value accepted; fields have their own, smaller limits. */
  public static final int MAX_JSON_STRING = 16 * 1024;

  private EurekaRegistration registration;
  private volatile Auditor taskAuditor;

  @Override
  public final void initialize(Bootstrap<C> bootstrap) {
    configureJson(bootstrap.getObjectMapper());
    // ${VAR:-default} in YAML, so one file serves the local stack, the test stack and a laptop.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.setConfigurationFactoryFactory(OneLineConfigurationFactory::new);
    initializeService(bootstrap);
  }

  /** Hook for service-specific bundles and commands. */
  protected void initializeService(Bootstrap<C> bootstrap) {}

  @Override
  protected void addDefaultCommands(Bootstrap<C> bootstrap) {
    bootstrap.addCommand(new PlatformServerCommand<>(this));
    bootstrap.addCommand(new CheckCommand<>(this));
    bootstrap.addCommand(new OpenApiCommand(this::openApiConfiguration));
  }

  /** What this service's {@code GET /openapi.json} documents ({@link OpenApiDocument}). */
  public abstract SwaggerConfiguration openApiConfiguration();

  public static void configureJson(ObjectMapper mapper) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(MAX_JSON_DEPTH)
                .maxStringLength(MAX_JSON_STRING)
                .maxNumberLength(64)
                .build());
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    // A field given twice is ambiguous (which one wins differs between parsers): refuse it as
    // malformed.
    mapper
        .getFactory()
        .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Override
  public final void run(C configuration, Environment environment) throws Exception {
    if (configuration.getKnobFile() != null && !configuration.getKnobFile().isBlank()) {
      Knobs.install(Path.of(configuration.getKnobFile()), configuration.getKnobPollMillis());
    } else {
      Knobs.install(null, 0);
    }
    environment.admin().addTask(new KnobTask(() -> Optional.ofNullable(taskAuditor)));
    guardTasks(configuration, environment);
    environment
        .admin()
        .addFilter("task-exchange", new TaskExchange())
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
    installErrors(configuration, environment);
    installFilters(configuration, environment);
    environment.jersey().register(new JsonWriterAnnotations());
    HystrixStreamServlet.mount(environment);
    registration = new EurekaRegistration();
    runService(configuration, environment);
    if (configuration.getEureka().isEnabled()) {
      registration.attach(environment, configuration.getEureka(), "/healthcheck");
    }
  }

  /** Admin tasks that change the service (the knob task) are audited by this auditor. */
  protected void auditTasksWith(Auditor auditor) {
    this.taskAuditor = auditor;
  }

  /** Registers the service's resources, stores and health checks. */
  protected abstract void runService(C configuration, Environment environment) throws Exception;

  /**
   * This instance's Eureka registration; its client is null until the server has started (or
   * forever when off).
   */
  protected EurekaRegistration registration() {
    return registration;
  }

  private static void installErrors(PlatformConfiguration configuration, Environment environment) {
    if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
      server.setRegisterDefaultExceptionMappers(false);
    }
    environment.jersey().register(new ProblemExceptionMapper());
    environment.jersey().register(new DomainProblemMappers());
    environment.jersey().register(new JsonProblemMapper());
    environment.jersey().register(new ViolationProblemMapper());
    environment.jersey().register(new WebApplicationProblemMapper());
    environment.jersey().register(new RemoteUnavailableMapper());
    UnexpectedProblemMapper unexpected = new UnexpectedProblemMapper();
    environment.jersey().register(new StoreUnavailableMapper(unexpected));
    environment.jersey().register(unexpected);
    // What Jetty refuses before Jersey sees it (malformed URI, bad headers) is problem+json too.
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler());
    environment.getAdminContext().setErrorHandler(new ProblemErrorHandler());
    environment
        .lifecycle()
        .addEventListener(
            new org.eclipse.jetty.util.component.LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                if (event instanceof org.eclipse.jetty.server.Server server) {
                  server.setErrorHandler(new ProblemErrorHandler());
                }
              }
            });
  }

  /** Admin tasks need the operator credential when one is configured (always in production). */
  private static void guardTasks(PlatformConfiguration configuration, Environment environment) {
    String token = configuration.getOperatorToken();
    if (token == null || token.isBlank()) {
      LOG.warn(
          "Admin tasks (/tasks/*) are open: no operatorToken (mode {}; production refuses this)",
          configuration.getMode());
      return;
    }
    environment
        .admin()
        .addFilter(
            "operator-tasks", new OperatorTaskFilter(token.strip(), environment.getObjectMapper()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/tasks/*");
  }

  private static void installFilters(PlatformConfiguration configuration, Environment environment) {
    EnumSet<DispatcherType> requests = EnumSet.of(DispatcherType.REQUEST);
    environment
        .servlets()
        .addFilter("request-id", new RequestIdFilter())
        .addMappingForUrlPatterns(requests, false, "/*");
    environment
        .servlets()
        .addFilter("cors", new CorsFilter(configuration.getCors()))
        .addMappingForUrlPatterns(requests, true, "/*");
    environment
        .servlets()
        .addFilter(
            "body-limit",
            new BodyLimitFilter(configuration.getMaxBodyBytes(), environment.getObjectMapper()))
        .addMappingForUrlPatterns(requests, true, "/*");
    InternalApi internalApi = new InternalApi(environment.getObjectMapper());
    environment.lifecycle().addServerLifecycleListener(internalApi::serverStarted);
    environment
        .servlets()
        .addFilter("internal-api", internalApi)
        .addMappingForUrlPatterns(requests, true, InternalApi.PATH + "/*");
  }
}
