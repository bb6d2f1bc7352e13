package com.retail.identity.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class JsonWriterAnnotationsTest {
  @Test
  void givenJsonAndItsPlusJsonKinds_whenAnAnswerIsWritten_thenItsAnnotationsAreDropped() {
    assertThat(JsonWriterAnnotations.isJson(MediaType.APPLICATION_JSON_TYPE)).isTrue();
    assertThat(JsonWriterAnnotations.isJson(MediaType.valueOf("application/problem+json")))
        .isTrue();
    assertThat(JsonWriterAnnotations.isJson(MediaType.valueOf("application/jwk-set+json")))
        .isTrue();
  }

  @Test
  void givenAPageOrPlainText_whenItIsWritten_thenItsAnnotationsAreKept() {
    assertThat(JsonWriterAnnotations.isJson(MediaType.TEXT_HTML_TYPE)).isFalse();
    assertThat(JsonWriterAnnotations.isJson(MediaType.TEXT_PLAIN_TYPE)).isFalse();
    assertThat(JsonWriterAnnotations.isJson(MediaType.valueOf("application/jwt"))).isFalse();
    assertThat(JsonWriterAnnotations.isJson(null)).isFalse();
  }
}
