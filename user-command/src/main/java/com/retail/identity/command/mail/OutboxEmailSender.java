package com.retail.identity.command.mail;

import com.retail.identity.command.core.EmailSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Local mode only: emails are kept in memory (the last {@value #CAPACITY}) instead of being sent,
 * for {@code GET /dev/email-outbox?to=}. The configuration refuses it outside mode LOCAL.
 */
public final class OutboxEmailSender implements EmailSender {
  static final int CAPACITY = 1000;

  public record Message(String to, String subject, String body, Instant sentAt) {}

  private final Deque<Message> messages = new ArrayDeque<>();
  private final Clock clock;

  public OutboxEmailSender(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void send(Email email) {
    if (messages.size() >= CAPACITY) {
      messages.removeFirst();
    }
    messages.addLast(new Message(email.to(), email.subject(), email.body(), clock.instant()));
  }

  /** Messages to one address (compared without case), newest first. */
  public synchronized List<Message> to(String address) {
    String wanted = address.strip().toLowerCase(Locale.ROOT);
    List<Message> found = new ArrayList<>();
    messages
        .descendingIterator()
        .forEachRemaining(
            m -> {
              if (m.to().toLowerCase(Locale.ROOT).equals(wanted)) {
                found.add(m);
              }
            });
    return found;
  }
}
