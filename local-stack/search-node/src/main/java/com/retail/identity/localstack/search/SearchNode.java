package com.retail.identity.localstack.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One real OpenSearch 2.19.1 node on loopback for local runs and integration tests (never
 * deployed).
 *
 * <p>Arguments ({@code --name=value}, all optional): {@code --http-port} (9200), {@code
 * --transport-port} (9300), {@code --base-dir} (./search-data), {@code --cluster-name}
 * (local-stack), {@code --modules} (comma-separated plugin classes; default: analysis-common,
 * mapper-extras, netty4 only, which keeps start-up around 7 s instead of ~60 s with all modules).
 * Blocks until the JVM gets SIGTERM/SIGINT; a shutdown hook closes the node.
 */
public final class SearchNode {

  /** analysis-common (edge_ngram...), mapper-extras (search_as_you_type...), netty4 (HTTP). */
  static final String DEFAULT_MODULES =
      String.join(
          ",",
          "org.opensearch.analysis.common.CommonAnalysisPlugin",
          "org.opensearch.index.mapper.MapperExtrasPlugin",
          "org.opensearch.transport.Netty4Plugin");

  private SearchNode() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    int httpPort = Integer.parseInt(opts.getOrDefault("http-port", "9200"));
    int transportPort = Integer.parseInt(opts.getOrDefault("transport-port", "9300"));
    Path baseDir = Path.of(opts.getOrDefault("base-dir", "search-data")).toAbsolutePath();
    String clusterName = opts.getOrDefault("cluster-name", "local-stack");
    String modules = opts.getOrDefault("modules", DEFAULT_MODULES);

    OpenSearchRunner runner = new OpenSearchRunner();
    runner.setMaxHttpPort(-1); // we pass an explicit port: skip the runner's free-port scan
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    runner.close();
                  } catch (IOException e) {
                    System.err.println("search-node: close failed: " + e);
                  }
                },
                "search-node-shutdown"));

    runner.onBuild(
        (index, settings) ->
            settings
                .put("network.host", "127.0.0.1")
                .put("http.port", Integer.toString(httpPort))
                .put("transport.port", Integer.toString(transportPort))
                .put("discovery.type", "single-node")
                .putList("node.roles", "cluster_manager", "data")
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("bootstrap.memory_lock", false)
                .put("http.cors.enabled", false));
    runner.build(
        OpenSearchRunner.newConfigs()
            .basePath(baseDir.toString())
            .numOfNode(1)
            .clusterName(clusterName)
            .moduleTypes(modules));

    System.out.println(
        "search-node: OpenSearch listening on http://127.0.0.1:"
            + httpPort
            + " (transport "
            + transportPort
            + ")");
    while (!runner.isClosed()) {
      Thread.sleep(1000);
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      int eq = arg.indexOf('=');
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return opts;
  }
}
