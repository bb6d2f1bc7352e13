package com.retail.identity.query;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.discovery.ServiceClient;
import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.platform.PlatformApplication;
import com.retail.identity.common.platform.PersonalDataModule;
import com.retail.identity.common.platform.StoresModule;
import com.retail.identity.common.crypto.PersonalDataCipher;
import com.retail.identity.query.core.ProfileFolder;
import com.retail.identity.common.tokens.BearerAuthenticator;
import com.retail.identity.common.tokens.RemoteJwks;
import com.retail.identity.common.tokens.TokenVerifier;
import com.retail.identity.query.resources.ProfileResource;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;

/** The read side: profile reads, admin search and reference data, fed by projections of the event log. */
public class UserQueryApplication extends PlatformApplication<UserQueryConfiguration> {
  public static void main(String[] args) throws Exception {
    new UserQueryApplication().run(args);
  }

  @Override
  public String getName() {
    return "user-query";
  }

  @Override
  protected void runService(UserQueryConfiguration configuration, Environment environment) {
    StoresModule stores = new StoresModule(environment)
        .cassandra(configuration.getCassandra())
        .search(configuration.getSearch())
        .couchbase(configuration.getCouchbase())
        .redis(configuration.getRedis());
    ServiceClient userCommand = new ServiceClient("user-command", registration(), configuration.getUserCommandVip());
    environment.lifecycle().manage(new Managed() {
      @Override
      public void stop() {
        userCommand.close();
      }
    });
    Injector injector = Guice.createInjector(stores,
        new PersonalDataModule(configuration.getMasterKey(), configuration.eventLogBucket()), new AbstractModule() {
      @Provides @Singleton
      BearerAuthenticator authenticator() {
        RemoteJwks jwks = new RemoteJwks(userCommand, Duration.ofMinutes(5), Clock.systemUTC());
        return new BearerAuthenticator(new TokenVerifier(jwks, configuration.getTokens()));
      }

      @Provides @Singleton
      ProfileResource profileResource(BearerAuthenticator authenticator, EventStore events, PersonalDataCipher cipher) {
        return new ProfileResource(authenticator, events, new ProfileFolder(cipher));
      }
    });
    environment.jersey().register(injector.getInstance(ProfileResource.class));
  }
}
