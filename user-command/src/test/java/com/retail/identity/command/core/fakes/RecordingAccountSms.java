package com.retail.identity.command.core.fakes;

import com.retail.identity.command.core.AccountSms;
import com.retail.identity.command.core.OneTimeToken;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every reset SMS asked for; {@link #failing} makes the next asks fail as verification's. */
public final class RecordingAccountSms implements AccountSms {
  public record Sent(UUID userId, String phone, String language, String token, long minutes) {}

  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public volatile boolean failing;

  @Override
  public void sendPasswordReset(
      UUID userId, String phone, String language, OneTimeToken token, long minutes) {
    if (failing) {
      throw new NotSent("verification answered 503", null);
    }
    sent.add(new Sent(userId, phone, language, token.text(), minutes));
  }
}
