package com.retail.identity.command.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retail.identity.command.core.AccountSms;
import com.retail.identity.command.core.OneTimeToken;
import com.retail.identity.common.discovery.HttpResult;
import com.retail.identity.common.discovery.RemoteServiceUnavailable;
import com.retail.identity.common.discovery.ServiceClient;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * verification's {@code POST /internal/account-sms} through the Ribbon + Hystrix {@link
 * ServiceClient} of verification (Hystrix command {@value #COMMAND}), with a service token this
 * service issues itself: 202 sent; 404 the phone is not the one verification verified for the
 * account; 503 the SMS budget or SNS stopped it. An SMS must not go twice, so another instance is
 * tried only when the first could not be reached.
 */
public final class VerificationSmsClient implements AccountSms {
  public static final String COMMAND = "account-sms";
  static final String PATH = "/internal/account-sms";

  private final ServiceClient client;
  private final Supplier<String> serviceToken;
  private final ObjectMapper json = new ObjectMapper();

  public VerificationSmsClient(ServiceClient client, Supplier<String> serviceToken) {
    this.client = client;
    this.serviceToken = serviceToken;
  }

  @Override
  public void sendPasswordReset(
      UUID userId, String phone, String language, OneTimeToken token, long minutes) {
    ObjectNode body =
        json.createObjectNode()
            .put("userId", userId.toString())
            .put("phone", phone)
            .put("kind", "password-reset")
            .put("secret", token.text())
            .put("minutes", minutes);
    if (language != null) {
      body.put("language", language);
    }
    HttpResult result;
    try {
      result =
          client.executeNonIdempotent(
              COMMAND,
              client.postJson(
                  PATH, body.toString(), Map.of("Authorization", "Bearer " + serviceToken.get())),
              null);
    } catch (RemoteServiceUnavailable e) {
      throw new NotSent(e.getMessage(), e);
    }
    if (result.status() != 202) {
      throw new NotSent("verification answered " + result.status() + " to " + COMMAND, null);
    }
  }
}
