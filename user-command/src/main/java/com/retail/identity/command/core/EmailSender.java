package com.retail.identity.command.core;

/** Sends one email. */
public interface EmailSender {
  /** A text message to one address; its body may hold a one-time link, so it is never printed. */
  record Email(String to, String subject, String body) {
    @Override
    public String toString() {
      return "Email[redacted]";
    }
  }

  /**
   * @throws EmailFailed when the message was not accepted for delivery
   */
  void send(Email email);

  final class EmailFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmailFailed(String message) {
      super(message, null, false, false);
    }
  }
}
