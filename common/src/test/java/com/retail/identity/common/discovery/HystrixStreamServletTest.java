package com.retail.identity.common.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.netflix.config.ConfigurationManager;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The servlet on a real Jetty 12 (ee10) server, read by a raw HTTP/1.0 client. */
class HystrixStreamServletTest {
  private static final String MAX_CONNECTIONS = "hystrix.stream.maxConcurrentConnections";

  private Server jetty;
  private int port;

  @BeforeEach
  void startJetty() throws Exception {
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new HystrixStreamServlet()), HystrixStreamServlet.PATH);
    jetty.setHandler(context);
    jetty.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stopJetty() throws Exception {
    ConfigurationManager.getConfigInstance().clearProperty(MAX_CONNECTIONS);
    jetty.stop();
  }

  @Test
  void givenACommandRan_whenReadingTheStream_thenItsMetricsArriveAsEventStreamData()
      throws Exception {
    new Probe("StreamProbe").execute();

    try (Socket socket = openStream()) {
      BufferedReader in = reader(socket);
      assertThat(in.readLine()).startsWith("HTTP/1.1 200");
      String contentType = null;
      String line;
      while (!(line = in.readLine()).isEmpty()) {
        if (line.toLowerCase().startsWith("content-type:")) {
          contentType = line;
        }
      }
      assertThat(contentType).contains("text/event-stream");

      String data = null;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("data: ") && line.contains("\"name\":\"StreamProbe\"")) {
          data = line;
          break;
        }
      }
      assertThat(data)
          .contains("\"type\":\"HystrixCommand\"")
          .contains("\"group\":\"StreamProbeGroup\"");
    }
  }

  @Test
  void givenTheClientDisconnects_whenTheServletNextWrites_thenTheStreamStops() throws Exception {
    try (Socket socket = openStream()) {
      BufferedReader in = reader(socket);
      assertThat(in.readLine()).startsWith("HTTP/1.1 200");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> HystrixStreamServlet.currentConnections() >= 1);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> HystrixStreamServlet.currentConnections() == 0);
  }

  @Test
  void givenMaxConnectionsOpen_whenAnotherClientConnects_thenItGets503() throws Exception {
    ConfigurationManager.getConfigInstance().setProperty(MAX_CONNECTIONS, "1");
    try (Socket first = openStream()) {
      assertThat(reader(first).readLine()).startsWith("HTTP/1.1 200");

      HttpResponse<String> second =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + port + HystrixStreamServlet.PATH))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(second.statusCode()).isEqualTo(503);
    }
  }

  private Socket openStream() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("GET " + HystrixStreamServlet.PATH + "?delay=100 HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static final class Probe extends HystrixCommand<String> {
    Probe(String key) {
      super(
          Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey(key + "Group"))
              .andCommandKey(HystrixCommandKey.Factory.asKey(key)));
    }

    @Override
    protected String run() {
      return "ok";
    }
  }
}
