package com.retail.identity.amibake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP server standing in for the instance metadata service or Eureka; records every
 * request.
 */
final class StubHttp implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> responses = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> tokenHeaders = new CopyOnWriteArrayList<>();

  StubHttp() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String key = exchange.getRequestMethod() + " " + exchange.getRequestURI();
          requests.add(key);
          String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
          if (token != null) {
            tokenHeaders.add(token);
          }
          String body = responses.get(key);
          byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** Answers {@code method path} with 200 and {@code body}; anything else gets 404. */
  StubHttp answer(String method, String path, String body) {
    responses.put(method + " " + path, body);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
