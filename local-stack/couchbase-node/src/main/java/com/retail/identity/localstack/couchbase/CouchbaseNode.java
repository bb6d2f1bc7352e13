package com.retail.identity.localstack.couchbase;

import com.couchbase.mock.Bucket;
import com.couchbase.mock.BucketConfiguration;
import com.couchbase.mock.CouchbaseMock;
import com.couchbase.mock.httpio.HttpServer;
import com.couchbase.mock.memcached.MemcachedServer;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * CouchbaseMock 1.5.27 on loopback only, for local runs and integration tests (never deployed).
 *
 * <p>Same flags as the mock's own main ({@code --host 127.0.0.1 --port 8091 --buckets
 * name:password:couchbase --cccp}, plus {@code --nodes}, {@code --vbuckets}, {@code --replicas};
 * defaults as the mock: 10 nodes, 1024 vbuckets, 2 replicas). The only difference: the mock's main
 * binds its REST port on every interface (0.0.0.0) whatever {@code --host} says; this one binds it
 * to {@code --host}. The data (memcached) ports are random unless {@code --kv-port} fixes the first
 * one (then a client reconnects after a restart), and already bound to {@code --host}; clients read
 * them from {@code /pools/default/buckets/<bucket>} ({@code nodes[].ports.direct}).
 */
public final class CouchbaseNode {

  private CouchbaseNode() {}

  public static void main(String[] args) throws Exception {
    BucketConfiguration defaults = new BucketConfiguration();
    String host = "127.0.0.1";
    int port = 8091;
    int nodes = defaults.numNodes;
    int vbuckets = defaults.numVBuckets;
    int replicas = defaults.numReplicas;
    String spec = "default:";
    boolean cccp = false;
    int kvPort = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--host" -> host = args[++i];
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--buckets" -> spec = args[++i];
        case "--nodes" -> nodes = Integer.parseInt(args[++i]);
        case "--vbuckets" -> vbuckets = Integer.parseInt(args[++i]);
        case "--replicas" -> replicas = Integer.parseInt(args[++i]);
        case "--cccp" -> cccp = true;
        case "--kv-port" -> kvPort = Integer.parseInt(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument: "
                    + args[i]
                    + " (use --host --port --buckets --nodes --vbuckets --replicas --kv-port --cccp)");
      }
    }

    CouchbaseMock mock = new CouchbaseMock(host, port, nodes, kvPort, vbuckets, null, replicas);
    mock.clearInitialConfigs(); // we create the buckets ourselves below
    if (cccp) {
      setStatic(CouchbaseMock.class, "cccpBootstrap", true);
    }
    HttpServer http = (HttpServer) field(CouchbaseMock.class, "httpServer").get(mock);
    http.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    int nextKvPort = kvPort;
    for (BucketConfiguration config : parse(spec, mock.getDefaultConfig())) {
      if (kvPort > 0) { // fixed data ports: a client reconnects after a restart of this node
        config.bucketStartPort = nextKvPort;
        nextKvPort += config.numNodes;
      }
      mock.createBucket(config);
    }
    http.start(); // non-daemon thread: keeps the JVM alive until SIGTERM

    System.out.println("couchbase-node: CouchbaseMock REST on http://" + host + ":" + port);
    for (Bucket bucket : mock.getBuckets().values()) {
      StringBuilder kv = new StringBuilder();
      for (MemcachedServer server : bucket.getServers()) {
        kv.append(kv.length() == 0 ? "" : ",").append(server.getPort());
      }
      System.out.println("couchbase-node: bucket " + bucket.getName() + " data ports " + kv);
    }
  }

  /** {@code name:password:type,...} as the mock's --buckets (type couchbase or memcache). */
  static List<BucketConfiguration> parse(String spec, BucketConfiguration defaults) {
    List<BucketConfiguration> configs = new ArrayList<>();
    for (String one : spec.split(",")) {
      String[] parts = one.split(":", -1);
      BucketConfiguration config = new BucketConfiguration(defaults);
      config.name = parts[0];
      config.password = parts.length > 1 ? parts[1] : "";
      config.type =
          parts.length > 2 && parts[2].startsWith("memcache")
              ? Bucket.BucketType.MEMCACHED
              : Bucket.BucketType.COUCHBASE;
      configs.add(config);
    }
    return configs;
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  private static void setStatic(Class<?> type, String name, Object value)
      throws ReflectiveOperationException {
    field(type, name).set(null, value);
  }
}
