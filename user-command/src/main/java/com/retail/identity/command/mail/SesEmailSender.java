package com.retail.identity.command.mail;

import com.amazonaws.ClientConfiguration;
import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.simpleemail.AmazonSimpleEmailService;
import com.amazonaws.services.simpleemail.AmazonSimpleEmailServiceClientBuilder;
import com.amazonaws.services.simpleemail.model.Body;
import com.amazonaws.services.simpleemail.model.Content;
import com.amazonaws.services.simpleemail.model.Destination;
import com.amazonaws.services.simpleemail.model.Message;
import com.amazonaws.services.simpleemail.model.SendEmailRequest;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.retail.identity.command.EmailSettings;
import com.retail.identity.command.core.EmailSender;
import io.dropwizard.lifecycle.Managed;
import java.nio.charset.StandardCharsets;

/**
 * Email through Amazon SES {@code SendEmail} (text body, UTF-8), inside the Hystrix command {@value
 * #COMMAND} (group {@code ses}; timeout knob {@code
 * hystrix.command.email-send.execution.isolation.thread.timeoutInMilliseconds}, 3000 ms). No
 * fallback: {@link com.retail.identity.command.core.AccountMail} tries again.
 */
public final class SesEmailSender implements EmailSender, Managed {
  public static final String COMMAND = "email-send";

  private final AmazonSimpleEmailService ses;
  private final String from;

  public SesEmailSender(EmailSettings settings, boolean production) {
    // The SDK's end-of-support notice is known (STACK.md); not a warning per boot.
    if (System.getProperty("aws.java.v1.disableDeprecationAnnouncement") == null) {
      System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    }
    ClientConfiguration client =
        new ClientConfiguration()
            .withConnectionTimeout(1000)
            .withRequestTimeout(2500)
            .withSocketTimeout(2500)
            .withMaxErrorRetry(1)
            .withMaxConnections(20);
    AmazonSimpleEmailServiceClientBuilder builder =
        AmazonSimpleEmailServiceClientBuilder.standard().withClientConfiguration(client);
    EmailSettings.Ses aws = settings.getSes();
    String region = aws.getRegion() == null || aws.getRegion().isBlank() ? null : aws.getRegion();
    if (aws.getEndpoint() != null && !aws.getEndpoint().isBlank()) {
      builder.withEndpointConfiguration(
          new AwsClientBuilder.EndpointConfiguration(
              aws.getEndpoint(), region == null ? "us-east-1" : region));
      builder.withCredentials(
          production
              ? DefaultAWSCredentialsProviderChain.getInstance()
              // A local stub: any credentials will do, and none are looked up on this machine.
              : new AWSStaticCredentialsProvider(new BasicAWSCredentials("local", "local")));
    } else {
      if (region != null) {
        builder.withRegion(region);
      }
      builder.withCredentials(DefaultAWSCredentialsProviderChain.getInstance());
    }
    this.ses = builder.build();
    this.from = settings.getFrom();
  }

  @Override
  public void send(Email email) {
    String utf8 = StandardCharsets.UTF_8.name();
    SendEmailRequest request =
        new SendEmailRequest()
            .withSource(from)
            .withDestination(new Destination().withToAddresses(email.to()))
            .withMessage(
                new Message()
                    .withSubject(new Content(email.subject()).withCharset(utf8))
                    .withBody(new Body().withText(new Content(email.body()).withCharset(utf8))));
    try {
      new SendCommand(ses, request).execute();
    } catch (HystrixRuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      // Name only the failure type: the SDK's messages could carry parts of the request.
      throw new EmailFailed(
          "SES send failed: " + e.getFailureType() + " " + cause.getClass().getSimpleName());
    }
  }

  @Override
  public void stop() {
    ses.shutdown();
  }

  private static final class SendCommand extends HystrixCommand<String> {
    private final AmazonSimpleEmailService ses;
    private final SendEmailRequest request;

    SendCommand(AmazonSimpleEmailService ses, SendEmailRequest request) {
      super(
          Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey("ses"))
              .andCommandKey(HystrixCommandKey.Factory.asKey(COMMAND))
              .andCommandPropertiesDefaults(
                  HystrixCommandProperties.Setter().withExecutionTimeoutInMilliseconds(3000))
              .andThreadPoolPropertiesDefaults(
                  HystrixThreadPoolProperties.Setter().withCoreSize(4)));
      this.ses = ses;
      this.request = request;
    }

    @Override
    protected String run() {
      return ses.sendEmail(request).getMessageId();
    }
  }
}
