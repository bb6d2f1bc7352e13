package com.retail.identity.common.errors;

import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.List;

/** Bean-validation failures become one 400 problem listing every failing field. */
public final class ViolationProblemMapper implements ExceptionMapper<JerseyViolationException> {
  @Override
  public Response toResponse(JerseyViolationException exception) {
    List<FieldError> errors =
        exception.getConstraintViolations().stream()
            .map(v -> new FieldError(field(v, exception), v.getMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    int status =
        ConstraintMessage.determineStatus(
            exception.getConstraintViolations(), exception.getInvocable());
    if (status >= 500) {
      // A violated return-value constraint is our defect, not the caller's.
      return ProblemResponses.of(ProblemResponses.forStatus(500, null));
    }
    return ProblemResponses.of(
        new Problem(
            "validation", "Invalid request", 400, "One or more fields are invalid.", errors));
  }

  private static String field(
      ConstraintViolation<?> violation, JerseyViolationException exception) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY
          || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
        if (node.getName() == null) {
          continue;
        }
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(node.getName());
      }
    }
    if (!field.isEmpty()) {
      return field.toString();
    }
    // A parameter (query, path, header, or the body itself): Dropwizard knows its wire name.
    String message = ConstraintMessage.getMessage(violation, exception.getInvocable());
    String suffix = " " + violation.getMessage();
    String name =
        message.endsWith(suffix)
            ? message.substring(0, message.length() - suffix.length())
            : message;
    return name.replaceFirst("^(query param|path param|header|form field|cookie) ", "");
  }
}
