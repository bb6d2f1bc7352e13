package com.retail.identity.common.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.lang.annotation.Annotation;

/**
 * Writes JSON answers without the resource method's annotations. Jackson's JAX-RS writer keys its
 * cache of writers by a hash of them, and the JDK hashes an annotation reflectively on every call:
 * with the OpenAPI annotations nested on each method (responses, their content and schemas) that
 * was 4% of user-command's CPU in a login run (README, Performance). No resource method carries an
 * annotation Jackson reads there ({@code @JsonView}, {@code @JacksonFeatures}).
 */
public final class JsonWriterAnnotations implements WriterInterceptor {
  private static final Annotation[] NONE = new Annotation[0];

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    if (isJson(context.getMediaType())) {
      context.setAnnotations(NONE);
    }
    context.proceed();
  }

  /** {@code application/json} and its {@code +json} kinds (problem+json, jwk-set+json). */
  static boolean isJson(MediaType type) {
    return type != null
        && "application".equalsIgnoreCase(type.getType())
        && ("json".equalsIgnoreCase(type.getSubtype())
            || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
  }
}
