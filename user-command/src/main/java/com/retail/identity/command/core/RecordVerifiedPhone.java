package com.retail.identity.command.core;

import com.retail.identity.common.events.EventStore;
import com.retail.identity.common.events.EventTypes;
import com.retail.identity.common.events.PersonalData;
import com.retail.identity.common.events.StoredEvent;
import com.retail.identity.common.events.UserEvents;
import java.time.Clock;
import java.util.UUID;

/**
 * Records a phone the verification service proved ({@code PhoneVerified}). Verification retries, so
 * a repeated verification id changes nothing and answers with the event it already wrote.
 */
public final class RecordVerifiedPhone {
  public record Command(UUID userId, String verificationId, String phone) {
    @Override
    public String toString() {
      return "RecordVerifiedPhone.Command[userId="
          + userId
          + ", verificationId="
          + verificationId
          + "]";
    }
  }

  /** {@code version} is that of the account's {@code PhoneVerified} event of this verification. */
  public record Recorded(UUID userId, long version) {}

  private final AccountWrites accounts;
  private final EventStore events;
  private final AccountDataSeal seal;
  private final Clock clock;

  public RecordVerifiedPhone(
      AccountWrites accounts, EventStore events, AccountDataSeal seal, Clock clock) {
    this.accounts = accounts;
    this.events = events;
    this.seal = seal;
    this.clock = clock;
  }

  public Recorded record(Command command, String correlationId) {
    UUID userId = command.userId();
    Credentials.Credential credential = accounts.live(userId);
    for (StoredEvent event : events.readStream(userId)) {
      if (EventTypes.PHONE_VERIFIED.equals(event.type())
          && command
              .verificationId()
              .equals(UserEvents.read(event, UserEvents.PhoneVerified.class).verificationId())) {
        return new Recorded(userId, event.seq());
      }
    }
    String pii = seal.seal(userId, new PersonalData(null, null, null, command.phone()));
    long version =
        accounts.append(
            credential,
            null,
            new UserEvents.PhoneVerified(command.verificationId(), pii, clock.instant()).toEvent(),
            Credentials.Change.NONE,
            correlationId);
    return new Recorded(userId, version);
  }
}
