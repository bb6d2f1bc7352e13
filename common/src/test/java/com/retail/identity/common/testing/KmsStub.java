package com.retail.identity.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS KMS's {@code Encrypt} and {@code Decrypt} on the wire (JSON 1.1, {@code X-Amz-Target:
 * TrentService.*}) on 127.0.0.1, for tests of the KMS adapter through the real SDK. Each key id has
 * its own secret; a ciphertext names its key and is bound to its encryption context, as KMS binds
 * them, so a ciphertext under another key or context is refused ({@code
 * InvalidCiphertextException}). {@link #down} answers 503 as an overloaded KMS would.
 */
public final class KmsStub implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final AtomicInteger calls = new AtomicInteger();
  public volatile boolean down;

  private KmsStub(HttpServer server) {
    this.server = server;
  }

  public static KmsStub start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
      KmsStub stub = new KmsStub(server);
      server.createContext("/", stub::handle);
      server.start();
      return stub;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the KMS stub", e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Encrypt and Decrypt calls answered so far. */
  public int calls() {
    return calls.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (down) {
      respond(exchange, 503, error("ServiceUnavailableException", "KMS is unavailable"));
      return;
    }
    calls.incrementAndGet();
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode request = JSON.readTree(body);
    try {
      if ("TrentService.Encrypt".equals(target)) {
        String keyId = request.path("KeyId").asText();
        byte[] plaintext = Base64.getDecoder().decode(request.path("Plaintext").asText());
        byte[] sealed = seal(keyOf(keyId), plaintext, context(keyId, request));
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer blob = ByteBuffer.allocate(2 + id.length + sealed.length);
        blob.putShort((short) id.length).put(id).put(sealed);
        ObjectNode answer = JSON.createObjectNode();
        answer.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob.array()));
        answer.put("KeyId", keyId);
        respond(exchange, 200, answer);
      } else if ("TrentService.Decrypt".equals(target)) {
        ByteBuffer blob =
            ByteBuffer.wrap(Base64.getDecoder().decode(request.path("CiphertextBlob").asText()));
        byte[] id = new byte[blob.getShort()];
        blob.get(id);
        byte[] sealed = new byte[blob.remaining()];
        blob.get(sealed);
        String keyId = new String(id, StandardCharsets.UTF_8);
        String asked = request.path("KeyId").asText(keyId);
        if (!asked.equals(keyId)) {
          respond(exchange, 400, error("IncorrectKeyException", "not this key's ciphertext"));
          return;
        }
        byte[] plaintext = open(keyOf(keyId), sealed, context(keyId, request));
        ObjectNode answer = JSON.createObjectNode();
        answer.put("Plaintext", Base64.getEncoder().encodeToString(plaintext));
        answer.put("KeyId", keyId);
        respond(exchange, 200, answer);
      } else {
        respond(exchange, 400, error("UnknownOperationException", String.valueOf(target)));
      }
    } catch (RuntimeException e) {
      respond(exchange, 400, error("InvalidCiphertextException", "cannot decrypt"));
    }
  }

  private static byte[] seal(SecretKey key, byte[] plaintext, byte[] binding) {
    try {
      byte[] nonce = new byte[12];
      new java.security.SecureRandom().nextBytes(nonce);
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          javax.crypto.Cipher.ENCRYPT_MODE,
          key,
          new javax.crypto.spec.GCMParameterSpec(128, nonce));
      cipher.updateAAD(binding);
      byte[] sealed = cipher.doFinal(plaintext);
      return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] open(SecretKey key, byte[] nonceAndSealed, byte[] binding) {
    try {
      javax.crypto.Cipher cipher = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          javax.crypto.Cipher.DECRYPT_MODE,
          key,
          new javax.crypto.spec.GCMParameterSpec(128, nonceAndSealed, 0, 12));
      cipher.updateAAD(binding);
      return cipher.doFinal(nonceAndSealed, 12, nonceAndSealed.length - 12);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot decrypt", e);
    }
  }

  private static SecretKey keyOf(String keyId) {
    try {
      byte[] secret =
          MessageDigest.getInstance("SHA-256")
              .digest(("kms-stub:" + keyId).getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(secret, "AES");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key and the encryption context, in a fixed order: the ciphertext's binding. */
  private static byte[] context(String keyId, JsonNode request) {
    Map<String, String> context = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = request.path("EncryptionContext").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      context.put(entry.getKey(), entry.getValue().asText());
    }
    return (keyId + context).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message);
  }

  private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
