package com.retail.identity.common.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 9457 problem details, the body of every error response. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "errors"})
public final class Problem {
  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://identity.retail.example/problems/";

  private final URI type;
  private final String title;
  private final int status;
  private final String detail;
  private final List<FieldError> errors;
  private final Map<String, Object> extensions = new LinkedHashMap<>();

  public Problem(
      String typeSlug, String title, int status, String detail, List<FieldError> errors) {
    this.type = URI.create(TYPE_BASE + typeSlug);
    this.title = title;
    this.status = status;
    this.detail = detail;
    this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
  }

  public static Problem of(String typeSlug, String title, int status, String detail) {
    return new Problem(typeSlug, title, status, detail, null);
  }

  /** Adds an extension member, e.g. {@code challenge} or {@code requestId}. */
  public Problem with(String member, Object value) {
    extensions.put(member, value);
    return this;
  }

  public URI getType() {
    return type;
  }

  public String getTitle() {
    return title;
  }

  public int getStatus() {
    return status;
  }

  public String getDetail() {
    return detail;
  }

  public List<FieldError> getErrors() {
    return errors;
  }

  @JsonAnyGetter
  public Map<String, Object> getExtensions() {
    return extensions;
  }
}
