package com.retail.identity.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.errors.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * The platform's own API ({@code /internal/*}: service tokens, a verified phone, an account SMS) is
 * served only on the internal connector: the second of {@code server.applicationConnectors}, a port
 * that only the platform's own security group reaches (asgard-config). On any other connector it is
 * a 404, as if it did not exist. Without a second connector (local and test configurations) it is
 * served on the application port; production requires the second one.
 */
public final class InternalApi implements Filter {
  public static final String PATH = "/internal";

  /** Dropwizard's name of every application connector (DefaultServerFactory). */
  private static final String APPLICATION_CONNECTOR = "application";

  private final ObjectMapper mapper;
  private volatile int internalPort = -1;

  public InternalApi(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** The bound port of the internal connector, or -1 when the server has none. */
  public static int internalPortOf(Server server) {
    List<Integer> application = new ArrayList<>();
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof NetworkConnector network
          && APPLICATION_CONNECTOR.equals(connector.getName())) {
        application.add(network.getLocalPort());
      }
    }
    return application.size() >= 2 ? application.get(1) : -1;
  }

  /** Called once the server is serving and the real ports are known. */
  public void serverStarted(Server server) {
    internalPort = internalPortOf(server);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    int internal = internalPort;
    if (internal > 0 && request.getLocalPort() != internal) {
      ProblemResponses.write(
          (HttpServletResponse) res,
          mapper,
          ProblemResponses.forStatus(404, "HTTP 404 Not Found"),
          Map.of());
      return;
    }
    chain.doFilter(req, res);
  }
}
