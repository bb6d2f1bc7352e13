package com.retail.identity.loadtest.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in text: password hashes, rendered SMS codes, emailed one-time tokens and private
 * JWK members by their shape; the master key, other configured keys, signing keys and data keys by
 * their value (in base64, base64url or hex); refresh tokens by their SHA-256, the only form the
 * store keeps. A finding names the kind and where, never the secret itself.
 */
public final class SecretScanner {
  /** Runs of base64, base64url or hex characters, where a key or token would show up. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/_=-]{16,}");

  private static final Pattern REFRESH_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  private final Map<String, Pattern> shapes = new LinkedHashMap<>();
  private final Map<String, String> knownValues = new java.util.HashMap<>();

  /** The few secrets also looked for inside longer runs (configured keys, signing keys). */
  private final Map<String, String> knownInside = new LinkedHashMap<>();

  private final Set<String> refreshTokenHashes = new HashSet<>();

  /** A secret found: what kind, in which source, on which line. */
  public record Finding(String kind, String source, int line) {
    @Override
    public String toString() {
      return kind + " in " + source + ":" + line;
    }
  }

  public SecretScanner() {
    shapes.put("password hash (Argon2)", Pattern.compile("\\$argon2(id|i|d)\\$"));
    shapes.put(
        "password hash (bcrypt)", Pattern.compile("\\$2[abxy]\\$\\d{2}\\$[./A-Za-z0-9]{20,}"));
    shapes.put("password hash (PBKDF2)", Pattern.compile("\\$pbkdf2(-sha\\d+)?\\$"));
    shapes.put(
        "private JWK member",
        Pattern.compile("\"(d|p|q|dp|dq|qi)\"\\s*:\\s*\"[A-Za-z0-9_-]{20,}\""));
    shapes.put("private key (PEM)", Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"));
    shapes.put(
        "SMS code in a document", Pattern.compile("\"(code|otp|smsCode)\"\\s*:\\s*\"?\\d{6}\\b"));
    // Reset and verification tokens: as the emailed link carries them, or as a request body does.
    shapes.put("one-time token in a link", Pattern.compile("[?#&]token=[A-Za-z0-9_-]{40,}"));
    shapes.put(
        "one-time token in a document",
        Pattern.compile("\"(token|resetToken)\"\\s*:\\s*\"[A-Za-z0-9_-]{40,}\""));
  }

  /**
   * An SMS text template with {@code {code}}: its rendered form (any 6-digit code) is a finding.
   */
  public SecretScanner smsTemplate(String template) {
    int at = template.indexOf("{code}");
    if (at > 0) {
      String before = template.substring(Math.max(0, at - 40), at);
      shapes.put("SMS text with its code", Pattern.compile(Pattern.quote(before) + "\\d{6}"));
    }
    return this;
  }

  /**
   * A key of this kind, given as its raw bytes: found as a whole run of base64, base64url or hex.
   */
  public SecretScanner knownKey(String kind, byte[] key) {
    knownValues.put(Base64.getEncoder().encodeToString(key), kind);
    knownValues.put(Base64.getEncoder().withoutPadding().encodeToString(key), kind);
    knownValues.put(Base64.getUrlEncoder().encodeToString(key), kind);
    knownValues.put(Base64.getUrlEncoder().withoutPadding().encodeToString(key), kind);
    knownValues.put(HexFormat.of().formatHex(key), kind);
    knownValues.put(HexFormat.of().withUpperCase().formatHex(key), kind);
    return this;
  }

  /**
   * A secret known as text (a configured value, a JWK member): found anywhere, also inside a longer
   * run.
   */
  public SecretScanner knownText(String kind, String value) {
    if (value != null && value.length() >= 16) {
      knownValues.put(value, kind);
      knownInside.put(value, kind);
    }
    return this;
  }

  /** The SHA-256 (hex) of a refresh token, as the store keeps it. */
  public SecretScanner refreshTokenHash(String sha256Hex) {
    refreshTokenHashes.add(sha256Hex.toLowerCase());
    return this;
  }

  public int knownSecrets() {
    return knownValues.size() + refreshTokenHashes.size();
  }

  public List<Finding> scan(String source, String text) {
    List<Finding> findings = new ArrayList<>();
    int lineNumber = 0;
    for (String line : text.split("\n", -1)) {
      lineNumber++;
      scanLine(source, lineNumber, line, findings);
    }
    return findings;
  }

  private void scanLine(String source, int lineNumber, String line, List<Finding> findings) {
    for (Map.Entry<String, Pattern> shape : shapes.entrySet()) {
      if (shape.getValue().matcher(line).find()) {
        findings.add(new Finding(shape.getKey(), source, lineNumber));
      }
    }
    Matcher token = TOKEN.matcher(line);
    while (token.find()) {
      String run = token.group();
      String kind = knownValues.get(run);
      if (kind == null) {
        kind = knownValues.get(stripPadding(run));
      }
      if (kind == null) {
        // A key inside a longer run, e.g. "key=<base64>" or a JSON member glued to it.
        for (Map.Entry<String, String> known : knownInside.entrySet()) {
          if (run.length() > known.getKey().length() && run.contains(known.getKey())) {
            kind = known.getValue();
            break;
          }
        }
      }
      if (kind != null) {
        findings.add(new Finding(kind, source, lineNumber));
      } else if (!refreshTokenHashes.isEmpty()
          && REFRESH_TOKEN.matcher(run).matches()
          && refreshTokenHashes.contains(sha256Hex(run))) {
        findings.add(new Finding("refresh token", source, lineNumber));
      }
    }
  }

  private static String stripPadding(String run) {
    int end = run.length();
    while (end > 0 && run.charAt(end - 1) == '=') {
      end--;
    }
    return run.substring(0, end);
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
