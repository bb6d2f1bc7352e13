package com.retail.identity.verification;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.retail.identity.common.audit.Auditor;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.http.OpenApiDocument;
import com.retail.identity.common.platform.AuditModule;
import com.retail.identity.common.platform.EndedSessionsModule;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.SmsSender;
import com.retail.identity.verification.resources.AccountSmsResource;
import com.retail.identity.verification.resources.ChallengesResource;
import com.retail.identity.verification.resources.EligibilityResource;
import com.retail.identity.verification.resources.FlagsResource;
import com.retail.identity.verification.resources.SmsOutboxResource;
import com.retail.identity.verification.resources.VerificationProblemMappers;
import com.retail.identity.verification.resources.VerificationsResource;
import com.retail.identity.verification.sms.OutboxSmsSender;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.oas.integration.SwaggerConfiguration;

/** Phone verification by SMS, proof-of-work challenges and launch-purchase eligibility. */
public class VerificationApplication extends PlatformApplication<VerificationConfiguration> {
  public static void main(String[] args) throws Exception {
    new VerificationApplication().run(args);
  }

  @Override
  public String getName() {
    return "verification";
  }

  @Override
  protected void runService(VerificationConfiguration configuration, Environment environment) {
    if (configuration.getSms().getSender() == SmsSettings.Sender.OUTBOX
        && !configuration.getMode().isLocal()) {
      // Also a configuration rule; this guards configurations built in code.
      throw new IllegalStateException(
          "the SMS outbox runs in mode LOCAL only, not " + configuration.getMode());
    }
    StoresModule stores =
        new StoresModule(environment)
            .cassandra(configuration.getCassandra())
            .redis(configuration.getRedis());
    ServiceClient userCommand =
        new ServiceClient("user-command", registration(), configuration.getUserCommandVip());
    environment.lifecycle().manage(userCommand);
    Injector injector =
        Guice.createInjector(
            stores,
            new PersonalDataModule(
                configuration.getMasterKey(),
                configuration.eventLogBucket(),
                configuration.eventLogShards()),
            new EndedSessionsModule(environment, configuration.getTokens()),
            new AuditModule("verification"),
            new VerificationModule(configuration, environment, userCommand));
    auditTasksWith(injector.getInstance(Auditor.class));
    environment.jersey().register(new VerificationProblemMappers());
    environment.jersey().register(injector.getInstance(BearerAuth.class));
    environment.jersey().register(injector.getInstance(VerificationsResource.class));
    environment.jersey().register(injector.getInstance(ChallengesResource.class));
    environment.jersey().register(injector.getInstance(EligibilityResource.class));
    environment.jersey().register(injector.getInstance(FlagsResource.class));
    environment.jersey().register(injector.getInstance(AccountSmsResource.class));
    environment.jersey().register(OpenApiDocument.resource(openApiConfiguration()));
    SmsSender sender = injector.getInstance(SmsSender.class);
    if (sender instanceof OutboxSmsSender outbox) {
      environment.jersey().register(new SmsOutboxResource(outbox));
    }
  }

  /** {@code GET /openapi.json} ({@link OpenApiDocument}). */
  @Override
  public SwaggerConfiguration openApiConfiguration() {
    return OpenApiDocument.configuration(
        "verification",
        "Phone verification by SMS code, launch eligibility, account flags and proof-of-work challenges.",
        "com.retail.identity.verification.resources");
  }
}
