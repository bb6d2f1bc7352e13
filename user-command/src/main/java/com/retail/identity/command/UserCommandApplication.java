package com.retail.identity.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.retail.identity.command.cli.LocalAdminSeed;
import com.retail.identity.command.cli.RoleCommand;
import com.retail.identity.command.core.EmailSender;
import com.retail.identity.command.core.HashingPool;
import com.retail.identity.command.core.ReservationReaper;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.command.resources.AuthorizationResource;
import com.retail.identity.command.resources.CommandProblemMappers;
import com.retail.identity.command.resources.EmailOutboxResource;
import com.retail.identity.command.resources.EmailVerificationsResource;
import com.retail.identity.command.resources.EndSessionResource;
import com.retail.identity.command.resources.InternalResource;
import com.retail.identity.command.resources.JwksResource;
import com.retail.identity.command.resources.OAuthTokenResource;
import com.retail.identity.command.resources.OidcDiscoveryResource;
import com.retail.identity.command.resources.PageAssetsResource;
import com.retail.identity.command.resources.PasswordResetPagesResource;
import com.retail.identity.command.resources.PasswordResetsResource;
import com.retail.identity.command.resources.PhoneStepResource;
import com.retail.identity.command.resources.SessionsResource;
import com.retail.identity.command.resources.SignUpResource;
import com.retail.identity.command.resources.UserInfoResource;
import com.retail.identity.command.resources.UsersResource;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.http.ConcurrencyLimitFilter;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.platform.AuditModule;
import com.retail.identity.common.platform.EndedSessionsModule;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.tokens.BearerAuth;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;

/** The write side: registration, login, tokens, profile and password changes, erasure. */
public class UserCommandApplication extends PlatformApplication<UserCommandConfiguration> {

  public static void main(String[] args) throws Exception {
    new UserCommandApplication().run(args);
  }

  @Override
  public String getName() {
    return "user-command";
  }

  /**
   * The operators' staff-role commands ({@code grant-role}, {@code revoke-role}, {@code
   * list-roles}).
   */
  @Override
  protected void initializeService(Bootstrap<UserCommandConfiguration> bootstrap) {
    RoleCommand.all().forEach(bootstrap::addCommand);
  }

  @Override
  protected void runService(UserCommandConfiguration configuration, Environment environment) {
    refuseScalarsAsText(environment.getObjectMapper());
    StoresModule stores =
        new StoresModule(environment)
            .cassandra(configuration.getCassandra())
            .redis(configuration.getRedis());
    ServiceClient verification =
        new ServiceClient("verification", registration(), configuration.getVerificationVip());
    environment.lifecycle().manage(verification);
    Injector injector =
        Guice.createInjector(
            stores,
            new PersonalDataModule(
                configuration.getMasterKey(),
                configuration.eventLogBucket(),
                configuration.eventLogShards()),
            new EndedSessionsModule(environment, configuration.getTokens()),
            new AuditModule("user-command"),
            new UserCommandModule(configuration, environment, verification),
            new OpenIdConnectModule(configuration));
    auditTasksWith(injector.getInstance(Auditor.class));
    environment.lifecycle().manage(injector.getInstance(HashingPool.class));
    // Before admission control and any store call; health, metrics and JWKS stay outside the limit.
    environment
        .servlets()
        .addFilter(
            "concurrency-limit",
            new ConcurrencyLimitFilter(
                configuration.getConcurrency(),
                environment.getObjectMapper(),
                environment.metrics()))
        .addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST), true, "/v1/*", "/internal/*", "/oauth2/*");
    if (configuration.getReservations().isReaper()) {
      environment.lifecycle().manage(injector.getInstance(ReservationReaper.class));
    }
    environment.jersey().register(new CommandProblemMappers());
    environment.jersey().register(injector.getInstance(BearerAuth.class));
    environment.jersey().register(injector.getInstance(UsersResource.class));
    environment.jersey().register(injector.getInstance(SessionsResource.class));
    environment.jersey().register(injector.getInstance(PasswordResetsResource.class));
    environment.jersey().register(injector.getInstance(EmailVerificationsResource.class));
    environment.jersey().register(injector.getInstance(InternalResource.class));
    if (injector.getInstance(EmailSender.class) instanceof OutboxEmailSender outbox) {
      environment.jersey().register(new EmailOutboxResource(outbox));
    }
    environment.jersey().register(injector.getInstance(JwksResource.class));
    environment.jersey().register(injector.getInstance(OidcDiscoveryResource.class));
    environment.jersey().register(injector.getInstance(AuthorizationResource.class));
    environment.jersey().register(injector.getInstance(SignUpResource.class));
    environment.jersey().register(injector.getInstance(PhoneStepResource.class));
    environment.jersey().register(injector.getInstance(PasswordResetPagesResource.class));
    environment.jersey().register(injector.getInstance(OAuthTokenResource.class));
    environment.jersey().register(injector.getInstance(UserInfoResource.class));
    environment.jersey().register(injector.getInstance(EndSessionResource.class));
    environment.jersey().register(new PageAssetsResource());
    environment.jersey().register(OpenApiDocument.resource(openApiConfiguration()));
    if (configuration.getMode().isLocal()) {
      injector.getInstance(LocalAdminSeed.class).seed(System.getenv());
    }
  }

  /**
   * Every field of this service's request bodies is text: a number or boolean in its place is the
   * client's mistake, refused as 400 naming the field, never read as "42" (e.g. a login with a
   * numeric password). Set after the configuration was read, so YAML scalars are unaffected.
   */
  static void refuseScalarsAsText(ObjectMapper mapper) {
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
  }

  /** {@code GET /openapi.json} ({@link OpenApiDocument}). */
  @Override
  public SwaggerConfiguration openApiConfiguration() {
    return OpenApiDocument.configuration(
        "user-command",
        "Registration, login, sessions and account changes of the identity platform.",
        "com.retail.identity.command.resources");
  }
}
