package com.retail.identity.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** A small JSON client for tests of a service on a local port. */
public final class Http {
  private static final Pattern EMAILED_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;
  private final Duration timeout;

  public Http(int port) {
    this(port, null);
  }

  /**
   * Every request gives up after {@code timeout} (an {@link UncheckedIOException} around an
   * HttpTimeoutException).
   */
  public Http(int port, Duration timeout) {
    this.port = port;
    this.timeout = timeout;
  }

  public HttpResponse<String> send(String method, String path, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (timeout != null) {
      request.timeout(timeout);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> post(String path, String body, String... headers) {
    return send("POST", path, body, headers);
  }

  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /** Registers a customer and returns their user id. */
  public String register(String email) {
    HttpResponse<String> response =
        post("/v1/users", UserCommandApp.registrationJson(email, UserCommandApp.PASSWORD));
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "registration failed: " + response.statusCode() + " " + response.body());
    }
    return json(response).get("userId").asText();
  }

  /** Logs in and returns the session: accessToken, refreshToken, userId. */
  public JsonNode logIn(String email, String password) {
    HttpResponse<String> response =
        post("/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "login failed: " + response.statusCode() + " " + response.body());
    }
    return json(response);
  }

  /**
   * The one-time token in the newest email with this subject to the address, once the local outbox
   * ({@code GET /dev/email-outbox}) has it.
   */
  public String emailedToken(String email, String subject) {
    Matcher token = EMAILED_TOKEN.matcher(emailedBody(email, subject));
    if (!token.find()) {
      throw new IllegalStateException("no token in the email " + subject);
    }
    return token.group(1);
  }

  /** The body of the first email with this subject in the local outbox for {@code email}. */
  public String emailedBody(String email, String subject) {
    String path = "/dev/email-outbox?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8);
    JsonNode[] mail = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              for (JsonNode m : json(send("GET", path, null))) {
                if (m.get("subject").asText().equals(subject)) {
                  mail[0] = m;
                  return true;
                }
              }
              return false;
            });
    return mail[0].get("body").asText();
  }
}
