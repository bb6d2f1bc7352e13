package com.retail.identity.replayer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** user-command's API as the apps call it; every answer comes back, whatever its status. */
final class CommandApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;

  CommandApi(int port) {
    this.port = port;
  }

  /**
   * A status ({@link Journal#NO_ANSWER} when there was none) and the JSON body (empty when none).
   */
  record Answer(int status, JsonNode body) {
    UUID userId() {
      return body.hasNonNull("userId") ? UUID.fromString(body.get("userId").asText()) : null;
    }

    Long version() {
      return body.hasNonNull("version") ? body.get("version").asLong() : null;
    }

    String problem() {
      String type = body.path("type").asText("");
      return type.isEmpty() ? null : type.substring(type.lastIndexOf('/') + 1);
    }
  }

  Answer register(String email, String password, String firstName) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("email", email)
            .put("password", password)
            .put("firstName", firstName)
            .put("lastName", "Model")
            .put("country", "US")
            .put("locale", "en-US");
    return send("POST", "/v1/users", body, null, null);
  }

  Answer logIn(String email, String password) {
    return send(
        "POST",
        "/v1/sessions",
        JSON.createObjectNode().put("email", email).put("password", password),
        null,
        null);
  }

  Answer changeProfile(UUID userId, String token, String firstName, String ifMatch) {
    return send(
        "PATCH",
        "/v1/users/" + userId,
        JSON.createObjectNode().put("firstName", firstName),
        token,
        ifMatch);
  }

  Answer changePassword(UUID userId, String token, String currentPassword, String newPassword) {
    return send(
        "PUT",
        "/v1/users/" + userId + "/password",
        JSON.createObjectNode()
            .put("currentPassword", currentPassword)
            .put("newPassword", newPassword),
        token,
        null);
  }

  /** The customer's own erasure, with the current password the contract asks for. */
  Answer erase(UUID userId, String token, String currentPassword) {
    return send(
        "DELETE",
        "/v1/users/" + userId,
        JSON.createObjectNode().put("currentPassword", currentPassword),
        token,
        null);
  }

  private Answer send(String method, String path, JsonNode body, String token, String ifMatch) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body().isBlank() ? JSON.createObjectNode() : readOrEmpty(response.body());
      return new Answer(response.statusCode(), json);
    } catch (IOException e) {
      return new Answer(
          Journal.NO_ANSWER,
          JSON.createObjectNode().put("type", "/no-answer/" + e.getClass().getSimpleName()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readOrEmpty(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
