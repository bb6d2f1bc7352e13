package com.retail.identity.common.arch.core;

import com.retail.identity.common.api.FieldError;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.domain.NotFound;
import com.retail.identity.common.errors.ProblemException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Use cases in a core package, each with one way of knowing the web, and one without. */
public final class WebBoundUseCases {
  private WebBoundUseCases() {}

  /** Throws an HTTP problem instead of a domain exception. */
  public static final class ThrowsProblem {
    public void run() {
      throw new ProblemException(Problem.of("not-found", "Not found", 404, "No such thing."));
    }
  }

  /** Takes a wire type instead of a command of its own. */
  public static final class TakesWireType {
    public int run(List<FieldError> errors) {
      return errors.size();
    }
  }

  /** Builds a JAX-RS response. */
  public static final class AnswersHttp {
    public Response run() {
      return Response.noContent().build();
    }
  }

  /** Knows only the domain. */
  public static final class ThrowsDomainException {
    public void run() {
      throw new NotFound("No such thing.");
    }
  }
}
