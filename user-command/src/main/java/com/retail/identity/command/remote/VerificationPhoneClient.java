package com.retail.identity.command.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.command.core.PhoneVerifications;
import com.retail.identity.common.discovery.HttpResult;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import com.retail.identity.common.discovery.ServiceClient;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * verification's customer API ({@code POST /v1/verifications}, {@code .../{id}/confirm}) through
 * the Ribbon + Hystrix {@link ServiceClient} of verification (Hystrix commands {@value
 * #START_COMMAND}, {@value #CONFIRM_COMMAND}), with a one-minute access token of the customer this
 * service issues itself: verification sees the customer's own request, with its limits. An SMS must
 * not go twice and a wrong code must not count twice, so another instance is tried only when the
 * first could not be reached.
 */
public final class VerificationPhoneClient implements PhoneVerifications {
  public static final String START_COMMAND = "phone-verification-start";
  public static final String CONFIRM_COMMAND = "phone-verification-confirm";
  static final String PATH = "/v1/verifications";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final ServiceClient client;
  private final Function<UUID, String> customerToken;
  private final ObjectMapper json = new ObjectMapper();

  public VerificationPhoneClient(ServiceClient client, Function<UUID, String> customerToken) {
    this.client = client;
    this.customerToken = customerToken;
  }

  @Override
  public String start(UUID userId, String phone, String language) {
    ObjectNode body = json.createObjectNode().put("phone", phone);
    if (language != null) {
      body.put("locale", language);
    }
    HttpResult result = post(START_COMMAND, PATH, body, userId);
    return switch (result.status()) {
      case 202 -> verificationIdOf(result);
      case 400 -> throw new Refused(Refusal.INVALID_PHONE);
      case 422 -> throw new Refused(Refusal.NOT_MOBILE);
      case 429 -> throw new Refused(Refusal.TOO_SOON);
      default -> throw new Refused(Refusal.UNAVAILABLE);
    };
  }

  @Override
  public void confirm(UUID userId, String verificationId, String code) {
    if (!ID.matcher(verificationId).matches()) {
      throw new Refused(Refusal.START_AGAIN);
    }
    HttpResult result =
        post(
            CONFIRM_COMMAND,
            PATH + "/" + verificationId + "/confirm",
            json.createObjectNode().put("code", code),
            userId);
    switch (result.status()) {
      case 200, 409 -> {} // 409: proven already (an earlier confirm whose answer was lost)
      case 400, 422 -> throw new Refused(Refusal.WRONG_CODE);
      case 404, 410, 429 -> throw new Refused(Refusal.START_AGAIN);
      default -> throw new Refused(Refusal.UNAVAILABLE);
    }
  }

  private HttpResult post(String command, String path, ObjectNode body, UUID userId) {
    try {
      return client.executeNonIdempotent(
          command,
          client.postJson(
              path,
              body.toString(),
              Map.of("Authorization", "Bearer " + customerToken.apply(userId))),
          null);
    } catch (RemoteServiceUnavailable e) {
      throw new Refused(Refusal.UNAVAILABLE);
    }
  }

  private String verificationIdOf(HttpResult result) {
    try {
      JsonNode id = json.readTree(result.body()).get("verificationId");
      if (id == null || !id.isTextual()) {
        throw new Refused(Refusal.UNAVAILABLE);
      }
      return id.asText();
    } catch (IOException e) {
      throw new Refused(Refusal.UNAVAILABLE);
    }
  }
}
