package com.retail.identity.common.store;

import com.retail.identity.common.tokens.EndedSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import redis.clients.jedis.resps.Tuple;

/**
 * Ended sessions as one Redis sorted set (session id scored by when it ended, in milliseconds):
 * every reader asks only for what is newer than what it has, and every write drops the entries no
 * access token can outlive any more, so the set stays as small as the last {@code keep} of ends.
 */
public final class RedisEndedSessions implements EndedSessions {
  private final RedisConnector redis;
  private final String key;
  private final Duration keep;
  private final Clock clock;

  public RedisEndedSessions(RedisConnector redis, Duration keep, Clock clock) {
    this.redis = redis;
    this.key = redis.key("sessions:ended");
    this.keep = keep;
    this.clock = clock;
  }

  @Override
  public void end(Collection<UUID> sessionIds) {
    if (sessionIds.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Map<String, Double> members = new HashMap<>();
    sessionIds.forEach(id -> members.put(id.toString(), (double) now.toEpochMilli()));
    redis.redis().zadd(key, members);
    redis.redis().zremrangeByScore(key, 0, now.minus(keep).toEpochMilli());
  }

  @Override
  public List<Ended> endedSince(Instant since) {
    List<Tuple> entries =
        redis.redis().zrangeByScoreWithScores(key, since.toEpochMilli(), Double.POSITIVE_INFINITY);
    return entries.stream()
        .map(
            t ->
                new Ended(
                    UUID.fromString(t.getElement()), Instant.ofEpochMilli((long) t.getScore())))
        .toList();
  }
}
