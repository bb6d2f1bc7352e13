package com.retail.identity.common.discovery;

import com.netflix.client.DefaultLoadBalancerRetryHandler;
import com.netflix.client.RetryHandler;
import com.netflix.client.config.CommonClientConfigKey;
import com.netflix.client.config.DefaultClientConfigImpl;
import com.netflix.client.config.IClientConfig;
import com.netflix.discovery.EurekaClient;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.netflix.loadbalancer.AbstractServerList;
import com.netflix.loadbalancer.AbstractServerPredicate;
import com.netflix.loadbalancer.AvailabilityPredicate;
import com.netflix.loadbalancer.CompositePredicate;
import com.netflix.loadbalancer.ConfigurationBasedServerList;
import com.netflix.loadbalancer.DynamicServerListLoadBalancer;
import com.netflix.loadbalancer.ILoadBalancer;
import com.netflix.loadbalancer.LoadBalancerBuilder;
import com.netflix.loadbalancer.LoadBalancerContext;
import com.netflix.loadbalancer.PollingServerListUpdater;
import com.netflix.loadbalancer.PredicateBasedRule;
import com.netflix.loadbalancer.Server;
import com.netflix.loadbalancer.reactive.LoadBalancerCommand;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rx.Observable;

/**
 * One client per remote service: Ribbon picks an instance, Hystrix bounds the call.
 *
 * <p>Servers come from the Archaius property {@code <clientName>.ribbon.listOfServers} ({@code
 * host:port,host:port}) when it is set, otherwise from Eureka instances of the VIP address. The
 * list is refreshed every {@code <clientName>.ribbon.ServerListRefreshInterval} ms (2000).
 *
 * <p>Each call runs as a {@link HystrixCommand} (group and thread pool = client name, command key
 * given; timeout {@code hystrix.command.<key>.execution.isolation.thread.timeoutInMilliseconds},
 * 2000 by default) whose {@code run()} is a Ribbon {@link LoadBalancerCommand} that retries on
 * another server ({@code <clientName>.ribbon.MaxAutoRetries}, 0, and {@code
 * <clientName>.ribbon.MaxAutoRetriesNextServer}, 1, read when the client is built).
 *
 * <p>Only reads Archaius; never installs a configuration. Build clients after the application has
 * installed its Archaius configuration.
 */
public class ServiceClient implements AutoCloseable, Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceClient.class);

  public static final int DEFAULT_TIMEOUT_MS = 2000;
  public static final int DEFAULT_REFRESH_INTERVAL_MS = 2000;
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 500;
  public static final int DEFAULT_READ_TIMEOUT_MS = 1500;
  public static final int DEFAULT_SAME_SERVER_RETRIES = 0;
  public static final int DEFAULT_NEXT_SERVER_RETRIES = 1;

  /** A call against one chosen server; {@code baseUri} is {@code http://host:port}. */
  @FunctionalInterface
  public interface RemoteCall<T> {
    T call(URI baseUri) throws Exception;
  }

  /** A 5xx answer: a failure for Ribbon (tries the next server) and for Hystrix. */
  public static final class ServerErrorException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ServerErrorException(URI uri, int status, String body) {
      super(
          "HTTP "
              + status
              + " from "
              + uri
              + (body == null || body.isEmpty() ? "" : ": " + abbreviate(body)));
      this.status = status;
    }

    public int getStatus() {
      return status;
    }

    private static String abbreviate(String body) {
      return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
  }

  private final String clientName;
  private final IClientConfig clientConfig;
  private final DynamicServerListLoadBalancer<Server> loadBalancer;
  private final LoadBalancerContext loadBalancerContext;
  private final RetryHandler retryHandler;
  private final RetryHandler connectFailureOnlyRetryHandler;
  private final HystrixCommandGroupKey groupKey;
  private final HystrixThreadPoolKey threadPoolKey;
  private final HttpClient http;

  /** Static servers only: {@code <clientName>.ribbon.listOfServers} must be set. */
  public ServiceClient(String clientName) {
    this(clientName, (Supplier<EurekaClient>) null, null);
  }

  public ServiceClient(String clientName, EurekaClient eurekaClient, String vipAddress) {
    this(clientName, eurekaClient == null ? null : () -> eurekaClient, vipAddress);
  }

  /**
   * @param eurekaClient looked up on every refresh, may return null until registration (pass the
   *     {@link EurekaRegistration} itself); null for static servers only
   * @param vipAddress the VIP address of the remote service, e.g. {@code user-command}
   */
  public ServiceClient(
      String clientName, Supplier<? extends EurekaClient> eurekaClient, String vipAddress) {
    this.clientName = Objects.requireNonNull(clientName, "clientName");
    this.groupKey = HystrixCommandGroupKey.Factory.asKey(clientName);
    this.threadPoolKey = HystrixThreadPoolKey.Factory.asKey(clientName);

    DefaultClientConfigImpl config =
        DefaultClientConfigImpl.getClientConfigWithDefaultValues(clientName);
    // Code defaults; an Archaius <clientName>.ribbon.<key> property wins over each of them.
    config.set(CommonClientConfigKey.ServerListRefreshInterval, DEFAULT_REFRESH_INTERVAL_MS);
    config.set(CommonClientConfigKey.ConnectTimeout, DEFAULT_CONNECT_TIMEOUT_MS);
    config.set(CommonClientConfigKey.ReadTimeout, DEFAULT_READ_TIMEOUT_MS);
    this.clientConfig = config;
    // A dead instance costs a caller one failed try, never an error: the next server is tried.
    int sameServer =
        Math.max(0, intSetting(CommonClientConfigKey.MaxAutoRetries, DEFAULT_SAME_SERVER_RETRIES));
    int nextServer =
        Math.max(
            0,
            intSetting(
                CommonClientConfigKey.MaxAutoRetriesNextServer, DEFAULT_NEXT_SERVER_RETRIES));
    this.retryHandler = new DefaultLoadBalancerRetryHandler(sameServer, nextServer, true);
    this.connectFailureOnlyRetryHandler = new ConnectFailureOnlyRetryHandler(nextServer);

    EurekaServerList eureka = null;
    if (eurekaClient != null) {
      eureka = new EurekaServerList(eurekaClient, vipAddress == null ? clientName : vipAddress);
    }
    StaticOrEurekaServerList servers = new StaticOrEurekaServerList(config, eureka);

    // buildDynamicServerListLoadBalancer() would use a PollingServerListUpdater with a fixed 30 s
    // period; the updater built from the config honours ServerListRefreshInterval.
    this.loadBalancer =
        LoadBalancerBuilder.<Server>newBuilder()
            .withClientConfig(config)
            .withDynamicServerList(servers)
            .withRule(new UntriedFirstRule(config))
            .withServerListUpdater(new PollingServerListUpdater(config))
            .buildDynamicServerListLoadBalancerWithUpdater();
    this.loadBalancerContext = new LoadBalancerContext(loadBalancer, config, retryHandler);

    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(
                Duration.ofMillis(
                    config.get(CommonClientConfigKey.ConnectTimeout, DEFAULT_CONNECT_TIMEOUT_MS)))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    LOG.info("ServiceClient {}: servers from {}", clientName, servers);
  }

  /**
   * Runs {@code call} against one instance, retrying once on another on failure, inside a Hystrix
   * command. Without a fallback, a failure surfaces as {@link RemoteServiceUnavailable}.
   *
   * @param fallback used on failure, timeout, open circuit or rejection; null for none
   */
  public <T> T execute(String commandKey, RemoteCall<T> call, Supplier<T> fallback) {
    return run(commandKey, call, fallback, retryHandler);
  }

  /**
   * Like {@link #execute(String, RemoteCall, Supplier)} for calls that must not run twice (a POST
   * without an idempotency key): another instance is tried only when the connection to the first
   * could not be established, never after a 5xx or a read timeout.
   */
  public <T> T executeNonIdempotent(String commandKey, RemoteCall<T> call, Supplier<T> fallback) {
    return run(commandKey, call, fallback, connectFailureOnlyRetryHandler);
  }

  private <T> T run(
      String commandKey, RemoteCall<T> call, Supplier<T> fallback, RetryHandler retries) {
    Objects.requireNonNull(commandKey, "commandKey");
    Objects.requireNonNull(call, "call");
    RibbonHystrixCommand<T> command =
        new RibbonHystrixCommand<>(commandKey, call, fallback, retries);
    try {
      return command.execute();
    } catch (HystrixRuntimeException e) {
      Throwable fallbackFailure = e.getFallbackException();
      if (fallbackFailure instanceof RemoteServiceUnavailable unavailable) {
        throw unavailable;
      }
      if (command.userFallbackFailure != null) {
        throw command.userFallbackFailure;
      }
      throw new RemoteServiceUnavailable(
          clientName,
          commandKey,
          e.getFailureType() + ": " + e.getMessage(),
          e.getCause() != null ? e.getCause() : e);
    }
  }

  /** {@link #execute(String, RemoteCall, Supplier)} without a fallback. */
  public <T> T execute(String commandKey, RemoteCall<T> call) {
    return execute(commandKey, call, null);
  }

  /**
   * GET {@code path} on one instance with {@code Accept: application/json}. 2xx-4xx answers are
   * results; 5xx answers and I/O errors are failures (next server, then fallback or {@link
   * RemoteServiceUnavailable}).
   */
  public HttpResult getJson(String commandKey, String path, Map<String, String> headers) {
    return getJson(commandKey, path, headers, null);
  }

  public HttpResult getJson(
      String commandKey, String path, Map<String, String> headers, Supplier<HttpResult> fallback) {
    HttpRequest.Builder template =
        HttpRequest.newBuilder(URI.create("http://template.invalid/"))
            .GET()
            .header("Accept", "application/json");
    if (headers != null) {
      headers.forEach(template::header); // rejects restricted headers here, before any call
    }
    String relative = relative(path);
    return execute(commandKey, base -> send(template, URI.create(base + relative), base), fallback);
  }

  /**
   * A JSON POST to {@code path} of the chosen server, to run with {@link #execute} (safe to repeat
   * on another server) or {@link #executeNonIdempotent}. A 5xx answer throws {@link
   * ServerErrorException}; any other status is returned.
   */
  public RemoteCall<HttpResult> postJson(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder template =
        HttpRequest.newBuilder(URI.create("http://template.invalid/"))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
    if (headers != null) {
      headers.forEach(template::header);
    }
    String relative = relative(path);
    return base -> send(template, URI.create(base + relative), base);
  }

  private static String relative(String path) {
    return path == null || path.isEmpty() ? "/" : (path.startsWith("/") ? path : "/" + path);
  }

  private HttpResult send(HttpRequest.Builder template, URI uri, URI server)
      throws IOException, InterruptedException {
    int readTimeout = clientConfig.get(CommonClientConfigKey.ReadTimeout, DEFAULT_READ_TIMEOUT_MS);
    HttpRequest request = template.copy().uri(uri).timeout(Duration.ofMillis(readTimeout)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      // Ribbon counts ConnectException / SocketTimeoutException against the server's circuit.
      throw (ConnectException) new ConnectException("connect timeout to " + server).initCause(e);
    } catch (HttpTimeoutException e) {
      throw (SocketTimeoutException)
          new SocketTimeoutException("no answer from " + uri + " within " + readTimeout + " ms")
              .initCause(e);
    }
    if (response.statusCode() >= 500) {
      throw new ServerErrorException(uri, response.statusCode(), response.body());
    }
    return new HttpResult(response.statusCode(), response.body(), response.headers().map(), server);
  }

  /** {@code <clientName>.ribbon.<key>} from Archaius when set, else the code default. */
  private int intSetting(com.netflix.client.config.IClientConfigKey<Integer> key, int fallback) {
    return com.netflix.config.DynamicPropertyFactory.getInstance()
        .getIntProperty(clientName + ".ribbon." + key.key(), fallback)
        .get();
  }

  /** Servers the load balancer currently considers up. */
  public List<Server> getReachableServers() {
    return loadBalancer.getReachableServers();
  }

  /** Re-reads the server list now instead of waiting for the next refresh. */
  public void refreshServerList() {
    loadBalancer.updateListOfServers();
  }

  public ILoadBalancer getLoadBalancer() {
    return loadBalancer;
  }

  public String getClientName() {
    return clientName;
  }

  /** Stops the server list refresh. */
  @Override
  public void close() {
    loadBalancer.shutdown();
  }

  /**
   * As a Dropwizard {@link Managed}: {@code env.lifecycle().manage(client)} closes it on shutdown.
   */
  @Override
  public void stop() {
    close();
  }

  static URI baseUri(Server server) {
    return URI.create("http://" + server.getHost() + ":" + server.getPort());
  }

  private HystrixCommand.Setter setter(String commandKey) {
    return HystrixCommand.Setter.withGroupKey(groupKey)
        .andCommandKey(HystrixCommandKey.Factory.asKey(commandKey))
        .andThreadPoolKey(threadPoolKey)
        // Builder defaults: hystrix.command.<key>.* / hystrix.threadpool.<client>.* in Archaius
        // win.
        .andCommandPropertiesDefaults(
            HystrixCommandProperties.Setter()
                .withExecutionTimeoutInMilliseconds(DEFAULT_TIMEOUT_MS)
                .withFallbackIsolationSemaphoreMaxConcurrentRequests(100))
        .andThreadPoolPropertiesDefaults(HystrixThreadPoolProperties.Setter().withCoreSize(20));
  }

  private final class RibbonHystrixCommand<T> extends HystrixCommand<T> {
    private final String commandKey;
    private final RemoteCall<T> call;
    private final Supplier<T> fallback;
    private final RetryHandler retries;
    private volatile RuntimeException userFallbackFailure;

    RibbonHystrixCommand(
        String commandKey, RemoteCall<T> call, Supplier<T> fallback, RetryHandler retries) {
      super(setter(commandKey));
      this.commandKey = commandKey;
      this.call = call;
      this.fallback = fallback;
      this.retries = retries;
    }

    @Override
    protected T run() {
      Set<Server> tried = ConcurrentHashMap.newKeySet();
      return LoadBalancerCommand.<T>builder()
          .withLoadBalancerContext(loadBalancerContext)
          .withRetryHandler(retries)
          .withServerLocator(tried) // the load balancer key the rule sees
          .build()
          .submit(
              server -> {
                tried.add(server);
                try {
                  return Observable.just(call.call(baseUri(server)));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt(); // Hystrix timed out and interrupted us
                  return Observable.error(e);
                } catch (Exception e) {
                  return Observable.error(e);
                }
              })
          .toBlocking()
          .single();
    }

    @Override
    protected T getFallback() {
      if (fallback == null) {
        throw new RemoteServiceUnavailable(
            clientName, commandKey, reason(), getExecutionException());
      }
      try {
        return fallback.get();
      } catch (RuntimeException e) {
        userFallbackFailure = e;
        throw e;
      }
    }

    private String reason() {
      if (isResponseTimedOut()) {
        return "timed out after " + getProperties().executionTimeoutInMilliseconds().get() + " ms";
      }
      if (isResponseShortCircuited()) {
        return "circuit open";
      }
      if (isResponseRejected()) {
        return "rejected (thread pool or semaphore full)";
      }
      Throwable failure = getExecutionException();
      return failure == null ? "failed" : "failed: " + failure;
    }
  }

  /**
   * Round robin over the servers Ribbon considers available (no tripped circuit), skipping those
   * this call already tried (the load balancer key is the call's set of tried servers): a retry
   * goes to another instance even while concurrent calls move the round robin on. When every
   * available server was tried, any server not tried; then any server.
   */
  public static final class UntriedFirstRule extends PredicateBasedRule {
    private volatile CompositePredicate predicate = predicate(null);

    /** Ribbon's zone-aware load balancer creates its per-zone copies with this constructor. */
    public UntriedFirstRule() {}

    UntriedFirstRule(IClientConfig config) {
      initWithNiwsConfig(config);
    }

    private CompositePredicate predicate(IClientConfig config) {
      AbstractServerPredicate untried =
          AbstractServerPredicate.ofKeyPredicate(
              key ->
                  !(key.getLoadBalancerKey() instanceof Set<?> tried
                      && tried.contains(key.getServer())));
      return CompositePredicate.withPredicates(new AvailabilityPredicate(this, config), untried)
          .addFallbackPredicate(untried)
          .addFallbackPredicate(AbstractServerPredicate.alwaysTrue())
          .build();
    }

    @Override
    public void initWithNiwsConfig(IClientConfig clientConfig) {
      predicate = predicate(clientConfig);
    }

    @Override
    public AbstractServerPredicate getPredicate() {
      return predicate;
    }
  }

  /** One retry on the next server, only when no connection could be made (nothing was sent). */
  private static final class ConnectFailureOnlyRetryHandler
      extends DefaultLoadBalancerRetryHandler {
    private static final List<Class<? extends Throwable>> CONNECT_FAILURES =
        List.of(ConnectException.class);

    ConnectFailureOnlyRetryHandler(int nextServer) {
      super(0, nextServer, true);
    }

    @Override
    public boolean isRetriableException(Throwable e, boolean sameServer) {
      return !sameServer && com.netflix.client.Utils.isPresentAsCause(e, CONNECT_FAILURES);
    }
  }

  /**
   * {@code <clientName>.ribbon.listOfServers} when set (re-read on every refresh), otherwise the
   * Eureka instances of the VIP address.
   */
  private static final class StaticOrEurekaServerList extends AbstractServerList<Server> {
    private final ConfigurationBasedServerList configured = new ConfigurationBasedServerList();
    private final EurekaServerList eureka;

    StaticOrEurekaServerList(IClientConfig config, EurekaServerList eureka) {
      this.configured.initWithNiwsConfig(config);
      this.eureka = eureka;
    }

    @Override
    public void initWithNiwsConfig(IClientConfig clientConfig) {
      configured.initWithNiwsConfig(clientConfig);
    }

    @Override
    public List<Server> getInitialListOfServers() {
      return getUpdatedListOfServers();
    }

    @Override
    public List<Server> getUpdatedListOfServers() {
      List<Server> fromConfig = configured.getUpdatedListOfServers();
      if (!fromConfig.isEmpty() || eureka == null) {
        return fromConfig;
      }
      return eureka.getUpdatedListOfServers();
    }

    @Override
    public String toString() {
      return "listOfServers" + (eureka == null ? "" : " else " + eureka);
    }
  }
}
