package com.retail.identity.common.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.domain.DomainException;
import com.retail.identity.common.errors.DomainProblemMapper;
import com.retail.identity.common.platform.PlatformApplication;
import io.dropwizard.jackson.Jackson;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client receives for a domain exception: the status, the media type, the JSON body and the
 * other headers.
 */
public record ProblemAnswer(
    int status, String mediaType, String body, Map<String, String> headers) {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();

  static {
    PlatformApplication.configureJson(JSON);
  }

  /** The answer of the mapper for exactly this exception's class among {@code mappers}. */
  public static ProblemAnswer to(DomainException exception, List<DomainProblemMapper<?>> mappers) {
    @SuppressWarnings("unchecked")
    DomainProblemMapper<DomainException> mapper =
        (DomainProblemMapper<DomainException>)
            mappers.stream()
                .filter(m -> m.kind() == exception.getClass())
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError("no mapper for " + exception.getClass().getName()));
    Response response = mapper.toResponse(exception);
    Map<String, String> headers = new TreeMap<>();
    response
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                headers.put(name, String.valueOf(values.get(0)));
              }
            });
    return new ProblemAnswer(
        response.getStatus(),
        String.valueOf(response.getMediaType()),
        json(response.getEntity()),
        headers);
  }

  /** The entity as the service writes it. */
  public static String json(Object entity) {
    try {
      return JSON.writeValueAsString(entity);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
