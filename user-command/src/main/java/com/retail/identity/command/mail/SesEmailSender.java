package com.retail.identity.command.mail;

import com.amazonaws.services.simpleemail.AmazonSimpleEmailService;
import com.amazonaws.services.simpleemail.AmazonSimpleEmailServiceClientBuilder;
import com.amazonaws.services.simpleemail.model.Body;
import com.amazonaws.services.simpleemail.model.Content;
import com.amazonaws.services.simpleemail.model.Destination;
import com.amazonaws.services.simpleemail.model.Message;
import com.amazonaws.services.simpleemail.model.SendEmailRequest;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.retail.identity.command.EmailSettings;
import com.retail.identity.command.core.EmailSender;
import com.retail.identity.common.aws.AwsCall;
import com.retail.identity.common.aws.AwsClients;
import io.dropwizard.lifecycle.Managed;
import java.nio.charset.StandardCharsets;

/**
 * Email through Amazon SES {@code SendEmail} (text body, UTF-8), inside the Hystrix command {@value
 * #COMMAND} (group {@code ses}). No fallback: {@link com.retail.identity.command.core.AccountMail}
 * tries again.
 */
public final class SesEmailSender implements EmailSender, Managed {
  public static final String COMMAND = "email-send";

  private final AmazonSimpleEmailService ses;
  private final String from;

  public SesEmailSender(EmailSettings settings, boolean production) {
    this.ses =
        AwsClients.configure(
                AmazonSimpleEmailServiceClientBuilder.standard(),
                settings.getSes().getEndpoint(),
                settings.getSes().getRegion(),
                production,
                20)
            .build();
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
      new AwsCall<>("ses", COMMAND, 4, () -> ses.sendEmail(request).getMessageId()).execute();
    } catch (HystrixRuntimeException e) {
      throw new EmailFailed("SES send failed: " + AwsCall.describe(e));
    }
  }

  @Override
  public void stop() {
    ses.shutdown();
  }
}
