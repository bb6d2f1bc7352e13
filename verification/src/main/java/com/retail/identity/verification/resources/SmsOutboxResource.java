package com.retail.identity.verification.resources;

import com.retail.identity.common.errors.ProblemException;
import com.retail.identity.common.tokens.PublicEndpoint;
import com.retail.identity.verification.api.OutboxMessage;
import com.retail.identity.verification.sms.OutboxSmsSender;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Local mode only: the SMS that would have been sent to a number, newest first. */
@Hidden
@Path("/dev/sms-outbox")
@Produces(MediaType.APPLICATION_JSON)
public final class SmsOutboxResource {
  private final OutboxSmsSender outbox;

  public SmsOutboxResource(OutboxSmsSender outbox) {
    this.outbox = outbox;
  }

  @GET
  @PublicEndpoint("registered in LOCAL mode only, for the demo and the tests to read the codes")
  public List<OutboxMessage> messages(@QueryParam("phone") String phone) {
    if (phone == null || phone.isBlank()) {
      throw ProblemException.validation("phone", "is required (E.164, e.g. +4915112345678)");
    }
    String e164 =
        phone.strip().replace(' ', '+'); // a '+' in a query string often arrives as a space
    return outbox.to(e164).stream()
        .map(m -> new OutboxMessage(m.phone(), m.text(), m.sentAt()))
        .toList();
  }
}
