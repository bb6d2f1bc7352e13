package com.retail.identity.common.store;

import com.datastax.driver.core.exceptions.BusyPoolException;
import com.datastax.driver.core.exceptions.ConnectionException;
import com.datastax.driver.core.exceptions.DriverException;
import com.datastax.driver.core.exceptions.NoHostAvailableException;
import com.datastax.driver.core.exceptions.OperationTimedOutException;
import com.datastax.driver.core.exceptions.QueryExecutionException;
import com.retail.identity.common.api.Problem;
import com.retail.identity.common.crypto.MasterKeyUnavailable;
import com.retail.identity.common.errors.ProblemResponses;
import com.retail.identity.common.faults.CrashPoints;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A store that is down or overloaded: a fast 503 with {@code Retry-After}, never a hang or a 500.
 * Other driver errors (a bad statement) are defects and stay 500s.
 */
public final class StoreUnavailableMapper implements ExceptionMapper<RuntimeException> {
  private static final Logger LOG = LoggerFactory.getLogger(StoreUnavailableMapper.class);
  private final ExceptionMapper<Throwable> otherwise;

  public StoreUnavailableMapper(ExceptionMapper<Throwable> otherwise) {
    this.otherwise = otherwise;
  }

  public static boolean isUnavailable(Throwable e) {
    return e instanceof NoHostAvailableException
        || e instanceof OperationTimedOutException
        || e instanceof QueryExecutionException
        || e instanceof BusyPoolException
        || e instanceof ConnectionException
        || e instanceof JedisConnectionException
        || e instanceof MasterKeyUnavailable
        || e instanceof CrashPoints.LostAnswer;
  }

  @Override
  public Response toResponse(RuntimeException exception) {
    Throwable cause = exception;
    while (cause != null && !isUnavailable(cause)) {
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    if (cause == null) {
      return otherwise.toResponse(exception);
    }
    LOG.warn(
        "Store unavailable: {}",
        cause instanceof DriverException ? cause.getMessage() : cause.toString());
    return ProblemResponses.of(
        Problem.of(
            "unavailable",
            "Service unavailable",
            503,
            "A data store is unavailable; retry shortly."),
        Map.of("Retry-After", "2"));
  }
}
