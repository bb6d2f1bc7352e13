package com.retail.identity.command.resources;

import com.retail.identity.command.api.EmailOutboxMessage;
import com.retail.identity.command.mail.OutboxEmailSender;
import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Local mode only: the emails that would have been sent to an address, newest first. Not part of
 * the served contract: no deployed mode has it.
 */
@Hidden
@Path("/dev/email-outbox")
@Produces(MediaType.APPLICATION_JSON)
public final class EmailOutboxResource {
  private final OutboxEmailSender outbox;

  public EmailOutboxResource(OutboxEmailSender outbox) {
    this.outbox = outbox;
  }

  @GET
  @PublicEndpoint("registered in LOCAL mode only, for the demo and the tests to read the links")
  public List<EmailOutboxMessage> messages(@QueryParam("to") String to) {
    if (to == null || to.isBlank()) {
      throw ProblemException.validation("to", "is required (an email address)");
    }
    return outbox.to(to).stream()
        .map(m -> new EmailOutboxMessage(m.to(), m.subject(), m.body(), m.sentAt()))
        .toList();
  }
}
