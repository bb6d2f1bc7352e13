package com.retail.identity.common.discovery;

/**
 * A remote service could not answer: no instance was available, every tried instance failed (I/O
 * error or 5xx), the Hystrix timeout fired, the circuit is open or the Hystrix thread pool is full,
 * and no fallback was given. Map it to 503 at the edge.
 */
public class RemoteServiceUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String clientName;
  private final String commandKey;

  public RemoteServiceUnavailable(
      String clientName, String commandKey, String reason, Throwable cause) {
    super(clientName + "/" + commandKey + " unavailable: " + reason, cause);
    this.clientName = clientName;
    this.commandKey = commandKey;
  }

  public String getClientName() {
    return clientName;
  }

  public String getCommandKey() {
    return commandKey;
  }
}
