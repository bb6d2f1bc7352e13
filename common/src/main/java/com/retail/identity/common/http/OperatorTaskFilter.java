package com.retail.identity.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.crypto.Sha256;
import com.retail.identity.common.errors.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin-port tasks ({@code /tasks/*}: the knob task changes launch settings) need the operator
 * credential, {@code Authorization: Bearer <operatorToken>}; anything else is a 401 problem. Only a
 * hash of the credential is kept, compared in constant time. Every task call that passes is logged
 * with its task, parameter names and caller address, never the credential.
 */
public final class OperatorTaskFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorTaskFilter.class);
  private static final String BEARER = "Bearer ";

  private final byte[] credentialHash;
  private final ObjectMapper mapper;

  public OperatorTaskFilter(String operatorToken, ObjectMapper mapper) {
    this.credentialHash = Sha256.of(operatorToken);
    this.mapper = mapper;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String authorization = request.getHeader("Authorization");
    boolean operator =
        authorization != null
            && authorization.startsWith(BEARER)
            && MessageDigest.isEqual(
                credentialHash, Sha256.of(authorization.substring(BEARER.length()).strip()));
    if (!operator) {
      LOG.warn(
          "Admin task {} refused: no operator credential (from {})",
          request.getRequestURI(),
          request.getRemoteAddr());
      ProblemResponses.write(
          (HttpServletResponse) res,
          mapper,
          ProblemResponses.forStatus(401, "Admin tasks need the operator credential."),
          Map.of("WWW-Authenticate", "Bearer realm=\"operator\""));
      return;
    }
    LOG.info(
        "Admin task {} {} by an operator from {}",
        request.getRequestURI(),
        request.getParameterMap().keySet(),
        request.getRemoteAddr());
    chain.doFilter(req, res);
  }
}
