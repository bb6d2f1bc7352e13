package com.retail.identity.command.resources;

import com.retail.identity.common.tokens.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The hosted pages' stylesheet and scripts: a fixed list, read once from the classpath. The ALTCHA
 * widget (script, stylesheet, worker) is its CSP-friendly build, copied from npm by the build.
 */
@Path("/pages/assets/{name}")
@Hidden
public final class PageAssetsResource {
  private static final Map<String, String> ASSETS =
      Map.of(
          "pages.css", "text/css; charset=utf-8",
          "altcha.js", "text/javascript; charset=utf-8",
          "altcha.css", "text/css; charset=utf-8",
          "worker.js", "text/javascript; charset=utf-8",
          "reset.js", "text/javascript; charset=utf-8");

  private final Map<String, byte[]> loaded = new java.util.concurrent.ConcurrentHashMap<>();

  @GET
  @PublicEndpoint("static stylesheet and scripts of the sign-in page")
  public Response asset(@PathParam("name") String name) {
    String type = ASSETS.get(name);
    if (type == null) {
      throw new NotFoundException();
    }
    byte[] content = loaded.computeIfAbsent(name, PageAssetsResource::read);
    if (content.length == 0) {
      throw new NotFoundException();
    }
    CacheControl cache = new CacheControl();
    cache.setMaxAge(3600);
    return Response.ok(content)
        .type(type)
        .cacheControl(cache)
        .header("X-Content-Type-Options", "nosniff")
        .build();
  }

  private static byte[] read(String name) {
    try (InputStream in = PageAssetsResource.class.getResourceAsStream("/pages/assets/" + name)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
