package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.AccountMailLimit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The hour's allowance per purpose and address, without the hour (tests are shorter). */
public final class MemoryAccountMailLimit implements AccountMailLimit {
  private final Map<String, Integer> sent = new HashMap<>();

  @Override
  public synchronized boolean allowOne(String purpose, String emailKey) {
    return sent.merge(purpose + ":" + emailKey, 1, Integer::sum) <= PER_HOUR;
  }

  @Override
  public Duration timeLeft(String purpose, String emailKey) {
    return Duration.ofHours(1);
  }
}
