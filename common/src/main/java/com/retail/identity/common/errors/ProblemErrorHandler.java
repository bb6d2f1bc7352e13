package com.retail.identity.common.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.api.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Jersey (an ambiguous or malformed URI, a
 * bad header, a request line or headers that are too long, a method it refuses): problem+json like
 * every other error, never Jetty's HTML page, and without Jetty's reason text (which can echo the
 * input).
 */
public final class ProblemErrorHandler extends ErrorHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProblemErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowOrigin(false);
  }

  /** Every method gets the problem body, not only GET, POST and HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.write(true, ByteBuffer.wrap(body(code)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    return ByteBuffer.wrap(body(status));
  }

  static byte[] body(int status) {
    String detail =
        switch (status) {
          case 400 -> "The request line, a header or the URI is malformed.";
          case 404 -> "No such resource.";
          case 405 -> "This method is not allowed on this resource.";
          case 414 -> "The URI is too long.";
          case 431 -> "The request headers are too large.";
          default -> null;
        };
    try {
      return JSON.writeValueAsBytes(ProblemResponses.forStatus(status, detail));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a problem", e);
    }
  }
}
