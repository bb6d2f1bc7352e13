package com.retail.identity.common.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Malformed or mistyped JSON bodies become 400 problems that name the field, never a 500. */
public final class JsonProblemMapper implements ExceptionMapper<JsonProcessingException> {
  private static final Logger LOG = LoggerFactory.getLogger(JsonProblemMapper.class);

  @Override
  public Response toResponse(JsonProcessingException exception) {
    if (exception instanceof InvalidDefinitionException) {
      // Our own type could not be (de)serialised: a defect, not bad input.
      LOG.error("JSON mapping defect", exception);
      return ProblemResponses.of(ProblemResponses.forStatus(500, null));
    }
    if (rootCause(exception) instanceof StreamConstraintsException) {
      return ProblemResponses.of(
          Problem.of(
              "request-too-complex",
              "Request too complex",
              400,
              "The JSON body is nested too deeply or holds a value that is too long."));
    }
    if (exception instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = fieldPath(mapping);
      return ProblemResponses.of(
          new Problem(
              "validation",
              "Invalid request",
              400,
              "A field has the wrong type or format.",
              List.of(new FieldError(field, "has the wrong type or format"))));
    }
    String detail =
        exception instanceof JsonParseException
            ? "The body is not well-formed JSON."
            : "The body could not be read as the expected JSON document.";
    return ProblemResponses.of(Problem.of("malformed-json", "Malformed JSON", 400, detail));
  }

  private static String fieldPath(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause instanceof StreamConstraintsException ? cause : t;
  }
}
