package com.retail.identity.common.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything unforeseen: logged with its stack trace, answered without one. */
public final class UnexpectedProblemMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedProblemMapper.class);

  @Override
  public Response toResponse(Throwable exception) {
    if (exception instanceof EofException) {
      return ProblemResponses.of(ProblemResponses.forStatus(400, "The request body ended early."));
    }
    LOG.error("Unexpected error", exception);
    return ProblemResponses.of(ProblemResponses.forStatus(500, null));
  }
}
