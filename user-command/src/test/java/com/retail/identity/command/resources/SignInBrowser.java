package com.retail.identity.command.resources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does with the hosted sign-in page, without JavaScript: keeps its cookies, posts
 * the form with every field the page holds, and does not follow redirects (the test reads them).
 */
final class SignInBrowser {
  private static final Pattern HIDDEN =
      Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private String acceptLanguage = "en";

  SignInBrowser speaking(String acceptLanguage) {
    this.acceptLanguage = acceptLanguage;
    return this;
  }

  HttpResponse<String> open(URI page) {
    return send(HttpRequest.newBuilder(page).GET());
  }

  /** Posts the page's form with these credentials. */
  HttpResponse<String> submit(HttpResponse<String> page, String email, String password) {
    return submit(page, Map.of("email", email, "password", password));
  }

  /** Follows the page's link to {@code path} (e.g. from sign-in to sign-up). */
  HttpResponse<String> follow(HttpResponse<String> page, String path) {
    Matcher link =
        Pattern.compile("<a href=\"(" + Pattern.quote(path) + "[^\"]*)\">").matcher(page.body());
    if (!link.find()) {
      throw new IllegalStateException("the page has no link to " + path + ": " + page.body());
    }
    return open(page.uri().resolve(unescape(link.group(1))));
  }

  /** Posts the page's form: its hidden fields, and these typed in. */
  HttpResponse<String> submit(HttpResponse<String> page, Map<String, String> typed) {
    return submit(page.uri(), page.body(), typed);
  }

  /** Posts the form of the page {@code html} (served at {@code uri}), as above. */
  HttpResponse<String> submit(URI uri, String html, Map<String, String> typed) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher hidden = HIDDEN.matcher(html);
    while (hidden.find()) {
      fields.put(unescape(hidden.group(1)), unescape(hidden.group(2)));
    }
    fields.putAll(typed);
    Matcher action = FORM_ACTION.matcher(html);
    if (!action.find()) {
      throw new IllegalStateException("the page has no form: " + html);
    }
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri.resolve(unescape(action.group(1))))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.header("Accept-Language", acceptLanguage).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The entities an HTML escaper writes. */
  private static String unescape(String html) {
    Matcher numeric = Pattern.compile("&#(x?)([0-9a-fA-F]+);").matcher(html);
    StringBuilder out = new StringBuilder();
    while (numeric.find()) {
      int code = Integer.parseInt(numeric.group(2), numeric.group(1).isEmpty() ? 10 : 16);
      numeric.appendReplacement(out, Matcher.quoteReplacement(Character.toString(code)));
    }
    numeric.appendTail(out);
    return out.toString()
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
