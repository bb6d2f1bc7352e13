package com.retail.identity.common.platform;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.common.store.RedisEndedSessions;
import com.retail.identity.common.tokens.EndedSessions;
import com.retail.identity.common.tokens.EndedSessionsView;
import com.retail.identity.common.tokens.TokenSettings;
import io.dropwizard.core.setup.Environment;
import java.time.Clock;
import java.time.Duration;

/**
 * Ended sessions in Redis, for every service that checks access tokens: the view is read again
 * every second while the service runs (ADR 0003).
 */
public final class EndedSessionsModule extends AbstractModule {
  static final Duration READ_EVERY = Duration.ofSeconds(1);
  private final Environment environment;
  private final Duration keep;

  public EndedSessionsModule(Environment environment, TokenSettings tokens) {
    this.environment = environment;
    this.keep = keepFor(tokens);
  }

  /** How long an ended session is told: an access token's whole life, and a minute for clocks. */
  public static Duration keepFor(TokenSettings tokens) {
    return Duration.ofSeconds(tokens.getAccessTokenSeconds()).plusMinutes(1);
  }

  @Provides
  @Singleton
  EndedSessions endedSessions(RedisConnector redis) {
    return new RedisEndedSessions(redis, keep, Clock.systemUTC());
  }

  @Provides
  @Singleton
  EndedSessionsView endedSessionsView(EndedSessions store) {
    EndedSessionsView view = new EndedSessionsView(store, keep, READ_EVERY, Clock.systemUTC());
    environment.lifecycle().manage(view);
    return view;
  }
}
