package com.retail.identity.verification.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where SMS go and what they say. */
public class SmsSettings {
  /**
   * {@code sns}: Amazon SNS Publish; {@code outbox}: kept in memory for {@code GET /dev/sms-outbox}
   * (mode LOCAL only).
   */
  public enum Sender {
    SNS,
    OUTBOX
  }

  @JsonProperty @NotNull private Sender sender = Sender.SNS;

  @JsonProperty @Valid @NotNull private Sns sns = new Sns();

  /**
   * Message per language (BCP 47 primary tag: en, de, fr, es, ja, ...). {@code {code}} is replaced
   * by the code, {@code {minutes}} by its validity. {@code en} is the fallback.
   */
  @JsonProperty @NotEmpty
  private Map<String, String> templates =
      new LinkedHashMap<>(
          Map.of(
              "en",
              "Your Retail verification code is {code}. It expires in {minutes} minutes. Never share it."));

  /**
   * A password reset link per language, sent for user-command to the account's verified phone.
   * {@code {token}} is replaced by the reset token, {@code {minutes}} by its validity. {@code en}
   * is the fallback. One SMS segment: keep it under 160 GSM characters with a 64-character token.
   */
  @JsonProperty @NotEmpty
  private Map<String, String> resetTemplates =
      new LinkedHashMap<>(
          Map.of(
              "en",
              "Retail password reset: https://account.retail.example/reset#token={token} ({minutes} min)"));

  public Sender getSender() {
    return sender;
  }

  public Sns getSns() {
    return sns;
  }

  public Map<String, String> getTemplates() {
    return templates;
  }

  public Map<String, String> getResetTemplates() {
    return resetTemplates;
  }

  /** The SNS client. */
  public static class Sns {
    /** Empty: the region's public endpoint; tests point it at a local stub. */
    @JsonProperty private String endpoint = "";

    /** Empty: the instance's region (AWS_REGION, set by boot-env from instance metadata). */
    @JsonProperty private String region = "";

    /** Optional alphanumeric sender id (countries that support it). */
    @JsonProperty private String senderId = "";

    public String getEndpoint() {
      return endpoint;
    }

    public String getRegion() {
      return region;
    }

    public String getSenderId() {
      return senderId;
    }
  }
}
