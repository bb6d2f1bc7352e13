package com.retail.identity.verification.sms;

import com.retail.identity.verification.core.SmsSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Local mode only: messages are kept in memory (the last {@value #CAPACITY}) instead of being sent,
 * for {@code GET /dev/sms-outbox?phone=}. The application refuses to build it outside mode LOCAL.
 */
public final class OutboxSmsSender implements SmsSender {
  static final int CAPACITY = 1000;

  public record Message(String phone, String text, Instant sentAt) {}

  private final Deque<Message> messages = new ArrayDeque<>();
  private final Clock clock;

  public OutboxSmsSender(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void send(String e164, String text) {
    if (messages.size() >= CAPACITY) {
      messages.removeFirst();
    }
    messages.addLast(new Message(e164, text, clock.instant()));
  }

  /** Messages to one number, newest first. */
  public synchronized List<Message> to(String e164) {
    List<Message> found = new ArrayList<>();
    messages
        .descendingIterator()
        .forEachRemaining(
            m -> {
              if (m.phone().equals(e164)) {
                found.add(m);
              }
            });
    return found;
  }
}
