package com.retail.identity.command;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.command.core.Argon2idHasher;
import com.retail.identity.command.core.Credentials;
import com.retail.identity.command.core.EmailKeys;
import com.retail.identity.command.core.EmailReservations;
import com.retail.identity.command.core.LogIn;
import com.retail.identity.command.core.PasswordHasher;
import com.retail.identity.command.core.RegisterUser;
import com.retail.identity.command.resources.JwksResource;
import com.retail.identity.command.resources.SessionsResource;
import com.retail.identity.command.resources.UsersResource;
import com.retail.identity.command.store.CassandraCredentials;
import com.retail.identity.command.store.CassandraEmailReservations;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.common.store.CassandraConnector;
import com.retail.identity.common.tokens.AccessTokens;
import com.retail.identity.common.tokens.SigningKeys;
import io.dropwizard.core.setup.Environment;
import java.nio.file.Path;
import java.time.Clock;

/** The write side: registration, login, tokens, profile and password changes, erasure. */
public class UserCommandApplication extends PlatformApplication<UserCommandConfiguration> {
  public static void main(String[] args) throws Exception {
    new UserCommandApplication().run(args);
  }

  @Override
  public String getName() {
    return "user-command";
  }

  @Override
  protected void runService(UserCommandConfiguration configuration, Environment environment) {
    StoresModule stores = new StoresModule(environment)
        .cassandra(configuration.getCassandra())
        .redis(configuration.getRedis());
    Injector injector = Guice.createInjector(stores,
        new PersonalDataModule(configuration.getMasterKey(), configuration.eventLogBucket()),
        new CommandModule(configuration));
    environment.jersey().register(injector.getInstance(UsersResource.class));
    environment.jersey().register(injector.getInstance(SessionsResource.class));
    environment.jersey().register(injector.getInstance(JwksResource.class));
  }

  /** Wires the use cases to their store adapters. */
  static final class CommandModule extends AbstractModule {
    private final UserCommandConfiguration configuration;

    CommandModule(UserCommandConfiguration configuration) {
      this.configuration = configuration;
    }

    @Override
    protected void configure() {
      bind(Clock.class).toInstance(Clock.systemUTC());
      bind(PasswordHasher.class).to(Argon2idHasher.class).in(Singleton.class);
    }

    @Provides @Singleton
    EmailReservations reservations(CassandraConnector cassandra) {
      return new CassandraEmailReservations(cassandra);
    }

    @Provides @Singleton
    Credentials credentials(CassandraConnector cassandra) {
      return new CassandraCredentials(cassandra);
    }

    @Provides @Singleton
    EmailKeys emailKeys() {
      return new EmailKeys(configuration.emailLookupSecret());
    }

    @Provides @Singleton
    SigningKeys signingKeys() {
      return SigningKeys.load(Path.of(configuration.getSigningKeyFile()), !configuration.getMode().isProduction());
    }

    @Provides @Singleton
    AccessTokens accessTokens(SigningKeys keys, Clock clock) {
      return new AccessTokens(keys, configuration.getTokens(), clock);
    }

    @Provides @Singleton
    RegisterUser registerUser(EmailKeys keys, EmailReservations reservations, PasswordHasher hasher,
        EventStore events, Credentials credentials, PersonalDataCipher cipher, Clock clock) {
      return new RegisterUser(keys, reservations, hasher, events, credentials, cipher, clock);
    }

    @Provides @Singleton
    LogIn logIn(EmailKeys keys, EmailReservations reservations, Credentials credentials, PasswordHasher hasher) {
      return new LogIn(keys, reservations, credentials, hasher);
    }

    @Provides @Singleton
    UsersResource usersResource(RegisterUser registerUser) {
      return new UsersResource(registerUser);
    }

    @Provides @Singleton
    SessionsResource sessionsResource(LogIn logIn, AccessTokens tokens) {
      return new SessionsResource(logIn, tokens);
    }

    @Provides @Singleton
    JwksResource jwksResource(SigningKeys keys) {
      return new JwksResource(keys);
    }
  }
}
