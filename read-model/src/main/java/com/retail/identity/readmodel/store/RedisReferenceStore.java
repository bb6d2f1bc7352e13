package com.retail.identity.readmodel.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.retail.identity.common.store.RedisConnector;
import com.retail.identity.readmodel.core.Country;
import com.retail.identity.readmodel.core.ReferenceStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import redis.clients.jedis.JedisPooled;

/**
 * Reference data in Redis, under the platform's key prefix:
 *
 * <ul>
 *   <li>{@code ref:countries}: hash, ISO alpha-2 code -> {@code {"code","name","callingCode"}};
 *   <li>{@code ref:disposable-email-domains}: set of lower-case domains;
 *   <li>{@code ref:launches}: hash, launch id -> the launch definition (JSON).
 * </ul>
 *
 * Each set is written under a temporary key and renamed over the live one: readers see the old set
 * or the new one, never a half-written one.
 */
public final class RedisReferenceStore implements ReferenceStore {
  public static final String COUNTRIES = "ref:countries";
  public static final String DISPOSABLE_EMAIL_DOMAINS = "ref:disposable-email-domains";
  public static final String LAUNCHES = "ref:launches";
  private static final int CHUNK = 1000;
  private static final long TEMP_TTL_SECONDS = 600;

  private final JedisPooled redis;
  private final RedisConnector connector;

  public RedisReferenceStore(RedisConnector connector) {
    this.connector = connector;
    this.redis = connector.redis();
  }

  @Override
  public void replaceCountries(List<Country> countries) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (Country c : countries) {
      fields.put(
          c.code(),
          ReadModelJson.JSON
              .createObjectNode()
              .put("code", c.code())
              .put("name", c.name())
              .put("callingCode", c.callingCode())
              .toString());
    }
    replaceHash(COUNTRIES, fields);
  }

  @Override
  public void replaceDisposableEmailDomains(Set<String> domains) {
    String live = connector.key(DISPOSABLE_EMAIL_DOMAINS);
    if (domains.isEmpty()) {
      redis.del(live);
      return;
    }
    String temp = temp(live);
    List<String> all = new ArrayList<>(domains);
    for (int i = 0; i < all.size(); i += CHUNK) {
      redis.sadd(temp, all.subList(i, Math.min(all.size(), i + CHUNK)).toArray(String[]::new));
      if (i == 0) {
        redis.expire(
            temp, TEMP_TTL_SECONDS); // a loader that dies half way leaves nothing behind for long
      }
    }
    swap(temp, live);
  }

  @Override
  public void replaceLaunches(Map<String, String> launches) {
    replaceHash(LAUNCHES, launches);
  }

  @Override
  public boolean isLoaded() {
    return redis.exists(
            connector.key(COUNTRIES),
            connector.key(DISPOSABLE_EMAIL_DOMAINS),
            connector.key(LAUNCHES))
        == 3;
  }

  @Override
  public List<Country> countries() {
    List<Country> countries = new ArrayList<>();
    for (String json : redis.hgetAll(connector.key(COUNTRIES)).values()) {
      try {
        JsonNode c = ReadModelJson.JSON.readTree(json);
        countries.add(
            new Country(
                c.path("code").asText(), c.path("name").asText(), c.path("callingCode").asText()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a country entry in Redis is not JSON", e);
      }
    }
    countries.sort(Comparator.comparing(Country::code));
    return countries;
  }

  private void replaceHash(String name, Map<String, String> fields) {
    String live = connector.key(name);
    if (fields.isEmpty()) {
      redis.del(live);
      return;
    }
    String temp = temp(live);
    redis.hset(temp, fields);
    redis.expire(temp, TEMP_TTL_SECONDS);
    swap(temp, live);
  }

  private void swap(String temp, String live) {
    redis.rename(temp, live);
    redis.persist(live); // RENAME carries the temporary key's TTL over
  }

  private static String temp(String live) {
    return live + ":loading:" + UUID.randomUUID();
  }
}
