package com.retail.identity.verification.sms;

import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.amazonaws.services.sns.model.MessageAttributeValue;
import com.amazonaws.services.sns.model.PublishRequest;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.retail.identity.common.aws.AwsCall;
import com.retail.identity.common.aws.AwsClients;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.SmsSender;
import io.dropwizard.lifecycle.Managed;
import java.util.HashMap;
import java.util.Map;

/**
 * SMS through Amazon SNS {@code Publish} to a phone number, as a Transactional message, inside the
 * Hystrix command {@value #COMMAND} (group {@code sns}; timeout knob {@code
 * hystrix.command.sms-send.execution.isolation.thread.timeoutInMilliseconds}, 3000 ms, see {@link
 * AwsCall}). No fallback: a failed send is a failed start, and the customer retries.
 */
public final class SnsSmsSender implements SmsSender, Managed {
  public static final String COMMAND = "sms-send";
  static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
  static final String SENDER_ID = "AWS.SNS.SMS.SenderID";

  private final AmazonSNS sns;
  private final String senderId;

  public SnsSmsSender(SmsSettings.Sns settings, boolean production) {
    this.sns =
        AwsClients.configure(
                AmazonSNSClientBuilder.standard(),
                settings.getEndpoint(),
                settings.getRegion(),
                production,
                50)
            .build();
    this.senderId = settings.getSenderId();
  }

  @Override
  public void send(String e164, String text) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put(
        SMS_TYPE,
        new MessageAttributeValue().withDataType("String").withStringValue("Transactional"));
    if (senderId != null && !senderId.isBlank()) {
      attributes.put(
          SENDER_ID, new MessageAttributeValue().withDataType("String").withStringValue(senderId));
    }
    PublishRequest request =
        new PublishRequest()
            .withPhoneNumber(e164)
            .withMessage(text)
            .withMessageAttributes(attributes);
    try {
      new AwsCall<>("sns", COMMAND, 20, () -> sns.publish(request).getMessageId()).execute();
    } catch (HystrixRuntimeException e) {
      throw new SmsFailed("SNS publish failed: " + AwsCall.describe(e), null);
    }
  }

  @Override
  public void stop() {
    sns.shutdown();
  }
}
