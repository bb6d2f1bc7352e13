package com.retail.identity.command;

import com.fasterxml.jackson.annotation.JsonView;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.command.cli.LocalAdminSeed;
import com.retail.identity.command.core.AccountDataSeal;
import com.retail.identity.command.core.AccountWrites;
import com.retail.identity.command.core.ChangePassword;
import com.retail.identity.command.core.ChangeProfile;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.EraseAccount;
import com.retail.identity.command.core.ErasedEmails;
import com.retail.identity.command.core.HashingPool;
import com.retail.identity.command.core.Idempotency;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.LoginActivity;
import com.retail.identity.command.core.LoginThrottle;
import com.retail.identity.command.core.PasswordHashSettings;
import com.retail.identity.command.core.PasswordHashes;
import com.retail.identity.command.core.RecordVerifiedPhone;
import com.retail.identity.command.core.RefreshTokens;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.core.RegistrationRules;
import com.retail.identity.command.core.ReservationReaper;
import com.retail.identity.command.core.ServiceTokens;
import com.retail.identity.command.core.Sessions;
import com.retail.identity.command.core.admission.AdmissionControl;
import com.retail.identity.command.core.admission.AdmissionGate;
import com.retail.identity.command.core.admission.ProofOfWork;
import com.retail.identity.command.core.admission.TrustedProxies;
import com.retail.identity.command.resources.CommandProblemMappers;
import com.retail.identity.command.resources.InternalResource;
import com.retail.identity.command.resources.JwksResource;
import com.retail.identity.command.resources.SessionsResource;
import com.retail.identity.command.resources.UsersResource;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.command.store.CassandraErasedEmails;
import com.retail.identity.command.store.CassandraIdempotency;
import com.retail.identity.command.store.CassandraJobLease;
import com.retail.identity.command.store.CassandraLoginActivity;
import com.retail.identity.command.store.CassandraRefreshTokens;
import com.retail.identity.command.store.RedisAdmissionCounters;
import com.retail.identity.command.store.RedisLoginThrottle;
import com.retail.identity.common.challenge.Challenges;
import com.retail.identity.common.crypto.DataKeys;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.http.ConcurrencyLimitFilter;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.store.CassandraEventStore;
import com.retail.identity.common.store.LogBuckets;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.BearerAuth;
import com.retail.identity.common.tokens.SigningKeys;
import com.retail.identity.common.tokens.TokenVerifier;
import io.dropwizard.auth.Auth;
import io.dropwizard.core.setup.Environment;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ResolvedParameter;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.Consumes;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The write side: registration, login, tokens, profile and password changes, erasure. */
public class UserCommandApplication extends PlatformApplication<UserCommandConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(UserCommandApplication.class);

  public static void main(String[] args) throws Exception {
    new UserCommandApplication().run(args);
  }

  @Override
  public String getName() {
    return "user-command";
  }

  @Override
  protected void runService(UserCommandConfiguration configuration, Environment environment) {
    refuseScalarsAsText(environment.getObjectMapper());
    StoresModule stores =
        new StoresModule(environment)
            .cassandra(configuration.getCassandra())
            .redis(configuration.getRedis());
    Injector injector =
        Guice.createInjector(
            stores,
            new PersonalDataModule(
                configuration.getMasterKey(),
                configuration.eventLogBucket(),
                configuration.eventLogShards()),
            new CommandModule(configuration, environment));
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
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/v1/*", "/internal/*");
    if (configuration.getReservations().isReaper()) {
      environment.lifecycle().manage(injector.getInstance(ReservationReaper.class));
    }
    environment.jersey().register(new CommandProblemMappers());
    environment.jersey().register(injector.getInstance(BearerAuth.class));
    environment.jersey().register(injector.getInstance(UsersResource.class));
    environment.jersey().register(injector.getInstance(SessionsResource.class));
    environment.jersey().register(injector.getInstance(InternalResource.class));
    environment.jersey().register(injector.getInstance(JwksResource.class));
    environment.jersey().register(openApi());
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

  /**
   * {@code GET /openapi.json}: generated from the resources themselves, so it cannot drift from
   * them.
   */
  static OpenApiResource openApi() {
    OpenApiResource resource = new OpenApiResource();
    resource.setOpenApiConfiguration(openApiConfiguration());
    return resource;
  }

  static SwaggerConfiguration openApiConfiguration() {
    OpenAPI document =
        new OpenAPI()
            .info(
                new Info()
                    .title("user-command")
                    .version("1")
                    .description(
                        "Registration, login, sessions and account changes of the identity platform."));
    return new SwaggerConfiguration()
        .openAPI(document)
        .prettyPrint(true)
        .resourcePackages(Set.of("com.retail.identity.command.resources"))
        .readerClass(CallerFromTheToken.class.getName());
  }

  /**
   * Reads the resources for the document without their {@code @Auth} parameters: the caller comes
   * from the token.
   */
  public static final class CallerFromTheToken extends Reader {
    @Override
    protected ResolvedParameter getParameters(
        Type type,
        List<Annotation> annotations,
        Operation operation,
        Consumes classConsumes,
        Consumes methodConsumes,
        JsonView jsonView) {
      if (annotations.stream().anyMatch(Auth.class::isInstance)) {
        return new ResolvedParameter();
      }
      return super.getParameters(
          type, annotations, operation, classConsumes, methodConsumes, jsonView);
    }
  }

  /** Wires the use cases to their store adapters. */
  static final class CommandModule extends AbstractModule {
    private final UserCommandConfiguration configuration;
    private final Environment environment;

    CommandModule(UserCommandConfiguration configuration, Environment environment) {
      this.configuration = configuration;
      this.environment = environment;
    }

    @Override
    protected void configure() {
      bind(Clock.class).toInstance(Clock.systemUTC());
      bind(ObjectMapper.class).toInstance(environment.getObjectMapper());
      bind(RegistrationRules.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PasswordHashes passwordHashes() {
      if (configuration.isBenchHashing()) {
        LOG.warn(
            "BENCH HASHING: passwords are hashed with a tiny Argon2id cost; never use this for real accounts");
        return new PasswordHashes(() -> PasswordHashSettings.BENCH);
      }
      return new PasswordHashes(new PasswordHashKnobs(configuration.getPasswordHashing()));
    }

    @Provides
    @Singleton
    HashingPool hashingPool() {
      return new HashingPool(
          configuration.hashingThreads(), configuration.getHashingQueue(), 5_000);
    }

    @Provides
    @Singleton
    CassandraEmailReservations cassandraReservations(CassandraConnector cassandra, Clock clock) {
      return CassandraEmailReservations.forRegistrations(
          cassandra, clock, configuration.getReservations().abandonedAfter());
    }

    @Provides
    @Singleton
    EmailReservations reservations(CassandraEmailReservations reservations) {
      return reservations;
    }

    @Provides
    @Singleton
    ReservationReaper reservationReaper(
        CassandraEmailReservations reservations,
        CassandraConnector cassandra,
        EventStore events,
        Credentials credentials,
        DataKeys dataKeys,
        RefreshTokens refreshTokens,
        ErasedEmails erasedEmails,
        Clock clock) {
      ReservationSettings settings = configuration.getReservations();
      return new ReservationReaper(
          reservations,
          new CassandraJobLease(cassandra),
          "user-command-" + java.util.UUID.randomUUID(),
          events,
          credentials,
          dataKeys,
          refreshTokens,
          erasedEmails,
          clock,
          settings.abandonedAfter(),
          settings.reaperInterval(),
          settings.reaperLookback(),
          environment.metrics());
    }

    @Provides
    @Singleton
    Credentials credentials(CassandraConnector cassandra, CassandraEventStore events) {
      return new CassandraCredentials(cassandra, events);
    }

    @Provides
    @Singleton
    RefreshTokens refreshTokens(CassandraConnector cassandra, Clock clock) {
      return new CassandraRefreshTokens(
          cassandra, clock, Duration.ofDays(configuration.getRefreshTokenDays()));
    }

    @Provides
    @Singleton
    Idempotency idempotency(CassandraConnector cassandra) {
      return new CassandraIdempotency(cassandra);
    }

    @Provides
    @Singleton
    LoginActivity loginActivity(CassandraConnector cassandra) {
      return new CassandraLoginActivity(cassandra, new LogBuckets(Duration.ofMinutes(60)));
    }

    @Provides
    @Singleton
    LoginThrottle loginThrottle(RedisConnector redis, Clock clock) {
      return new RedisLoginThrottle(redis, clock);
    }

    @Provides
    @Singleton
    EmailKeys emailKeys() {
      return new EmailKeys(configuration.emailLookupSecret());
    }

    @Provides
    @Singleton
    SigningKeys signingKeys() {
      return SigningKeys.load(
          Path.of(configuration.getSigningKeyFile()), !configuration.getMode().isProduction());
    }

    @Provides
    @Singleton
    AccessTokens accessTokens(SigningKeys keys, Clock clock) {
      return new AccessTokens(keys, configuration.getTokens(), clock);
    }

    @Provides
    @Singleton
    BearerAuth bearerAuth(SigningKeys keys) {
      return new BearerAuth(new TokenVerifier(keys::publicSet, configuration.getTokens()));
    }

    @Provides
    @Singleton
    ServiceTokens serviceTokens(AccessTokens tokens) {
      return new ServiceTokens(configuration.getServiceClients(), tokens);
    }

    @Provides
    @Singleton
    RegisterUser registerUser(
        RegistrationRules rules,
        EmailKeys keys,
        EmailReservations reservations,
        PasswordHashes hashes,
        HashingPool pool,
        EventStore events,
        Credentials credentials,
        PersonalDataCipher cipher,
        Clock clock) {
      return new RegisterUser(
          rules, keys, reservations, hashes, pool, events, credentials, cipher, clock);
    }

    @Provides
    @Singleton
    LogIn logIn(
        EmailKeys keys,
        EmailReservations reservations,
        Credentials credentials,
        PasswordHashes hashes,
        HashingPool pool,
        LoginThrottle throttle,
        LoginActivity activity,
        Clock clock) {
      return new LogIn(keys, reservations, credentials, hashes, pool, throttle, activity, clock);
    }

    @Provides
    @Singleton
    Sessions sessions(AccessTokens tokens, RefreshTokens refreshTokens, Credentials credentials) {
      return new Sessions(tokens, refreshTokens, credentials);
    }

    @Provides
    @Singleton
    AccountWrites accountWrites(Credentials credentials) {
      return new AccountWrites(credentials);
    }

    @Provides
    @Singleton
    AccountDataSeal accountDataSeal(PersonalDataCipher cipher, DataKeys dataKeys) {
      return new AccountDataSeal(cipher, dataKeys);
    }

    @Provides
    @Singleton
    ChangeProfile changeProfile(
        RegistrationRules rules, AccountWrites accounts, AccountDataSeal seal, Clock clock) {
      return new ChangeProfile(rules, accounts, seal, clock);
    }

    @Provides
    @Singleton
    ChangePassword changePassword(
        RegistrationRules rules,
        AccountWrites accounts,
        PasswordHashes hashes,
        HashingPool pool,
        RefreshTokens refreshTokens,
        Clock clock) {
      return new ChangePassword(rules, accounts, hashes, pool, refreshTokens, clock);
    }

    @Provides
    @Singleton
    EraseAccount eraseAccount(
        AccountWrites accounts,
        EmailReservations reservations,
        ErasedEmails erasedEmails,
        DataKeys dataKeys,
        RefreshTokens refreshTokens,
        Clock clock) {
      return new EraseAccount(accounts, reservations, erasedEmails, dataKeys, refreshTokens, clock);
    }

    @Provides
    @Singleton
    RecordVerifiedPhone recordVerifiedPhone(
        AccountWrites accounts, EventStore events, AccountDataSeal seal, Clock clock) {
      return new RecordVerifiedPhone(accounts, events, seal, clock);
    }

    @Provides
    @Singleton
    ErasedEmails erasedEmails(CassandraConnector cassandra) {
      return new CassandraErasedEmails(cassandra);
    }

    @Provides
    @Singleton
    AdmissionGate admission(RedisConnector redis, Clock clock) {
      if (!configuration.isAdmissionControl()) {
        LOG.warn(
            "Admission control is OFF (admissionControl: false): no rate limits, no proof of work");
        return AdmissionGate.open();
      }
      Challenges challenges =
          new Challenges(configuration.getChallenge(), redis, environment.metrics(), clock);
      return new AdmissionControl(
          new AdmissionKnobs(),
          new RedisAdmissionCounters(redis),
          ProofOfWork.by(challenges),
          environment.metrics(),
          clock);
    }

    @Provides
    @Singleton
    TrustedProxies trustedProxies() {
      return TrustedProxies.of(configuration.getTrustedProxies());
    }

    @Provides
    @Singleton
    UsersResource usersResource(
        RegisterUser registerUser,
        ChangeProfile changeProfile,
        ChangePassword changePassword,
        EraseAccount eraseAccount,
        Idempotency idempotency,
        EmailKeys keys,
        AdmissionGate admission,
        TrustedProxies proxies) {
      return new UsersResource(
          registerUser,
          changeProfile,
          changePassword,
          eraseAccount,
          idempotency,
          keys,
          admission,
          proxies,
          environment.getObjectMapper());
    }

    @Provides
    @Singleton
    SessionsResource sessionsResource(
        LogIn logIn,
        Sessions sessions,
        AdmissionGate admission,
        TrustedProxies proxies,
        EmailKeys keys) {
      return new SessionsResource(logIn, sessions, admission, proxies, keys);
    }

    @Provides
    @Singleton
    InternalResource internalResource(
        ServiceTokens serviceTokens, RecordVerifiedPhone recordVerifiedPhone) {
      return new InternalResource(serviceTokens, recordVerifiedPhone);
    }

    @Provides
    @Singleton
    JwksResource jwksResource(SigningKeys keys) {
      return new JwksResource(keys);
    }

    @Provides
    @Singleton
    LocalAdminSeed localAdminSeed(RegisterUser registerUser) {
      return new LocalAdminSeed(registerUser);
    }
  }
}
