package com.retail.identity.verification.core;

/** Sends one SMS. */
public interface SmsSender {
  /**
   * @throws SmsFailed when the message was not accepted for delivery
   */
  void send(String e164, String text);

  final class SmsFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SmsFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
