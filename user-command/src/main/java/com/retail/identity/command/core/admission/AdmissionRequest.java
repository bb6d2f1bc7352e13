package com.retail.identity.command.core.admission;

import java.util.Locale;

/**
 * One registration or login attempt, as admission control sees it.
 *
 * @param action register or login
 * @param clientAddress the client's IP address, already resolved from {@code X-Forwarded-For} by
 *     the caller through {@link ClientAddresses#resolve} (never the raw header)
 * @param deviceId the {@code X-Device-Id} header, or null
 * @param emailDomain the domain of the email in the request (see {@link #domainOf}), or null
 * @param challengeSolution the {@code X-Challenge-Solution} header, or null
 */
public record AdmissionRequest(
    Action action,
    String clientAddress,
    String deviceId,
    String emailDomain,
    String challengeSolution) {
  /**
   * Device ids longer than this are cut (a device id is an opaque app-generated UUID-like string).
   */
  static final int MAX_DEVICE_ID = 128;

  static final String UNKNOWN_ADDRESS = "unknown";

  public AdmissionRequest {
    if (action == null) {
      throw new IllegalArgumentException("action is required");
    }
    deviceId = deviceId == null || deviceId.isBlank() ? null : deviceId.strip();
    if (deviceId != null && deviceId.length() > MAX_DEVICE_ID) {
      deviceId = deviceId.substring(0, MAX_DEVICE_ID);
    }
    emailDomain = normalizeDomain(emailDomain);
    clientAddress = clientAddress == null || clientAddress.isBlank() ? null : clientAddress.strip();
  }

  /**
   * The client address, or {@code unknown} (all requests without one share its buckets and
   * signals).
   */
  public String addressOrUnknown() {
    return clientAddress == null ? UNKNOWN_ADDRESS : clientAddress;
  }

  public static AdmissionRequest register(
      String clientAddress, String deviceId, String email, String challengeSolution) {
    return new AdmissionRequest(
        Action.REGISTER, clientAddress, deviceId, domainOf(email), challengeSolution);
  }

  public static AdmissionRequest login(
      String clientAddress, String deviceId, String email, String challengeSolution) {
    return new AdmissionRequest(
        Action.LOGIN, clientAddress, deviceId, domainOf(email), challengeSolution);
  }

  public static AdmissionRequest reset(
      String clientAddress, String deviceId, String email, String challengeSolution) {
    return new AdmissionRequest(
        Action.RESET, clientAddress, deviceId, domainOf(email), challengeSolution);
  }

  /** The domain part of an email address, lower-cased and in ASCII (IDN), or null. */
  public static String domainOf(String email) {
    if (email == null) {
      return null;
    }
    int at = email.lastIndexOf('@');
    return at < 0 ? null : normalizeDomain(email.substring(at + 1));
  }

  /** Lower-cased ASCII (IDN) without trailing dots, or null when empty or too long. */
  public static String normalizeDomain(String domain) {
    if (domain == null) {
      return null;
    }
    String d = domain.strip().toLowerCase(Locale.ROOT);
    while (d.endsWith(".")) {
      d = d.substring(0, d.length() - 1);
    }
    if (d.isEmpty() || d.length() > 253) {
      return null;
    }
    try {
      return java.net.IDN.toASCII(d, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return d;
    }
  }
}
