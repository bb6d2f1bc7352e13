package com.retail.identity.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.retail.identity.common.errors.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses bodies over the limit with 413 before any work is done: by Content-Length when the caller
 * sends one, else by reading at most limit + 1 bytes of a chunked body.
 */
public final class BodyLimitFilter implements Filter {
  public static final int DEFAULT_LIMIT = 64 * 1024;
  private final int limit;
  private final ObjectMapper mapper;

  public BodyLimitFilter(int limit, ObjectMapper mapper) {
    this.limit = limit;
    this.mapper = mapper;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    long declared = http.getContentLengthLong();
    if (declared > limit) {
      tooLarge((HttpServletResponse) response);
      return;
    }
    if (declared < 0 && http.getHeader("Transfer-Encoding") != null) {
      byte[] body = http.getInputStream().readNBytes(limit + 1);
      if (body.length > limit) {
        tooLarge((HttpServletResponse) response);
        return;
      }
      chain.doFilter(new BufferedBodyRequest(http, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    // The unread rest of the body would otherwise be drained; closing is cheaper for a flood.
    ProblemResponses.write(
        response,
        mapper,
        ProblemResponses.forStatus(413, "The body must not exceed " + limit + " bytes."),
        Map.of("Connection", "close"));
  }

  private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    BufferedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      InputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() throws IOException {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return false;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("blocking reads only");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
