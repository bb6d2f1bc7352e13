package com.retail.identity.common.discovery;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A remote answer below 500: the status, the body as text, the response headers and the server that
 * answered (null when the result came from a fallback).
 */
public record HttpResult(int status, String body, Map<String, List<String>> headers, URI server) {

  public HttpResult {
    headers = headers == null ? Map.of() : headers;
  }

  public static HttpResult of(int status, String body) {
    return new HttpResult(status, body, Map.of(), null);
  }

  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
