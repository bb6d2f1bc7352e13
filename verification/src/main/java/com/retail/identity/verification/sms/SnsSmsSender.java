package com.retail.identity.verification.sms;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.sns.AmazonSNS;
import com.amazonaws.services.sns.AmazonSNSClientBuilder;
import com.amazonaws.services.sns.model.MessageAttributeValue;
import com.amazonaws.services.sns.model.PublishRequest;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.retail.identity.verification.config.SmsSettings;
import com.retail.identity.verification.core.SmsSender;
import io.dropwizard.lifecycle.Managed;
import java.util.HashMap;
import java.util.Map;

/**
 * SMS through Amazon SNS {@code Publish} to a phone number, as a Transactional message, inside the
 * Hystrix command {@value #COMMAND} (group {@code sns}; timeout knob {@code
 * hystrix.command.sms-send.execution.isolation.thread.timeoutInMilliseconds}, 3000 ms). No
 * fallback: a failed send is a failed start, and the customer retries.
 */
public final class SnsSmsSender implements SmsSender, Managed {
  public static final String COMMAND = "sms-send";
  static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
  static final String SENDER_ID = "AWS.SNS.SMS.SenderID";

  private final AmazonSNS sns;
  private final String senderId;

  public SnsSmsSender(SmsSettings.Sns settings, boolean production) {
    // The SDK's end-of-support notice is known (STACK.md); one line at start, not a warning per
    // boot.
    if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
      System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }
    ClientConfiguration client =
        new ClientConfiguration()
            .withConnectionTimeout(1000)
            .withRequestTimeout(2500)
            .withSocketTimeout(2500)
            .withMaxErrorRetry(1)
            .withMaxConnections(50);
    AmazonSNSClientBuilder builder =
        AmazonSNSClientBuilder.standard().withClientConfiguration(client);
    String region =
        settings.getRegion() == null || settings.getRegion().isBlank()
            ? null
            : settings.getRegion();
    if (settings.getEndpoint() != null && !settings.getEndpoint().isBlank()) {
      builder.withEndpointConfiguration(
          new AwsClientBuilder.EndpointConfiguration(
              settings.getEndpoint(), region == null ? "us-east-1" : region));
      if (!production) {
        // A local stub: any credentials will do, and none are looked up on this machine.
        builder.withCredentials(
            new AWSStaticCredentialsProvider(new BasicAWSCredentials("local", "local")));
      } else {
        builder.withCredentials(DefaultAWSCredentialsProviderChain.getInstance());
      }
    } else {
      if (region != null) {
        builder.withRegion(region);
      }
      builder.withCredentials(DefaultAWSCredentialsProviderChain.getInstance());
    }
    this.sns = builder.build();
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
      new PublishCommand(sns, request).execute();
    } catch (HystrixRuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      // The SDK's messages carry no request body; still, name only the failure type and status.
      throw new SmsFailed(
          "SNS publish failed: " + e.getFailureType() + " " + cause.getClass().getSimpleName(),
          null);
    }
  }

  @Override
  public void stop() {
    sns.shutdown();
  }

  private static final class PublishCommand extends HystrixCommand<String> {
    private final AmazonSNS sns;
    private final PublishRequest request;

    PublishCommand(AmazonSNS sns, PublishRequest request) {
      super(
          Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey("sns"))
              .andCommandKey(HystrixCommandKey.Factory.asKey(COMMAND))
              .andCommandPropertiesDefaults(
                  HystrixCommandProperties.Setter().withExecutionTimeoutInMilliseconds(3000))
              .andThreadPoolPropertiesDefaults(
                  HystrixThreadPoolProperties.Setter().withCoreSize(20)));
      this.sns = sns;
      this.request = request;
    }

    @Override
    protected String run() {
      return sns.publish(request).getMessageId();
    }
  }
}
