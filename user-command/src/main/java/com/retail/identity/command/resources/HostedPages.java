package com.retail.identity.command.resources;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The platform's own pages (sign-in, signed-out, errors): server-rendered from Mustache templates,
 * which escape every value, in the customer's language, and sent with a strict Content Security
 * Policy (scripts and styles only from the platform itself, no inline code, no framing).
 */
public final class HostedPages {
  /** The languages the pages are written in; the first is the default. */
  static final List<Locale> LANGUAGES =
      List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, Locale.forLanguageTag("es"));

  private final MustacheFactory templates = new DefaultMustacheFactory("pages");
  private final Map<String, Mustache> compiled = new java.util.concurrent.ConcurrentHashMap<>();

  /** A page to render: its template, language, HTTP status and values. */
  public final class Page {
    private final String template;
    private final Locale language;
    private final Map<String, Object> values = new HashMap<>();
    private int status = 200;
    private String formTarget = "";
    private NewCookie cookie;

    private Page(String template, Locale language) {
      this.template = template;
      this.language = language;
    }

    public Page status(int status) {
      this.status = status;
      return this;
    }

    public Page with(String name, Object value) {
      values.put(name, value);
      return this;
    }

    /** Where the page's form may lead after it is posted (a redirect to the app). */
    public Page formMayLeadTo(String source) {
      this.formTarget = " " + source;
      return this;
    }

    public Page cookie(NewCookie cookie) {
      this.cookie = cookie;
      return this;
    }

    public Locale language() {
      return language;
    }

    public Response render() {
      return HostedPages.this.render(this);
    }
  }

  public Page page(String template, Locale language) {
    return new Page(template, language);
  }

  /** The message of {@code key} in the page's language. */
  public String text(Page page, String key) {
    return bundle(page.language).getString(key);
  }

  public Response render(Page page) {
    Map<String, Object> scope = new HashMap<>(page.values);
    scope.put("lang", page.language.toLanguageTag());
    scope.put("t", messages(page.language));
    StringWriter html = new StringWriter();
    compiled
        .computeIfAbsent(page.template, name -> templates.compile(name + ".mustache"))
        .execute(html, scope);
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    Response.ResponseBuilder response =
        Response.status(page.status)
            .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
            .entity(html.toString())
            .cacheControl(noStore)
            .header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; worker-src 'self' blob:; form-action 'self'"
                    + page.formTarget
                    + "; frame-ancestors 'none'; base-uri 'none'")
            .header("X-Content-Type-Options", "nosniff")
            .header("X-Frame-Options", "DENY")
            .header("Referrer-Policy", "no-referrer");
    if (page.cookie != null) {
      response.cookie(page.cookie);
    }
    return response.build();
  }

  /**
   * The customer's language: the first of the app's {@code ui_locales} (space-separated) that the
   * pages are written in, else the browser's {@code Accept-Language}, else English.
   */
  public static Locale languageOf(String uiLocales, String acceptLanguage) {
    List<Locale.LanguageRange> wanted = new ArrayList<>();
    if (uiLocales != null && !uiLocales.isBlank()) {
      for (String tag : uiLocales.trim().split("\\s+")) {
        try {
          wanted.add(new Locale.LanguageRange(tag));
        } catch (IllegalArgumentException ignored) {
          // not a language tag: skipped, as unknown locales are
        }
      }
    }
    if (acceptLanguage != null && !acceptLanguage.isBlank() && acceptLanguage.length() < 512) {
      try {
        wanted.addAll(Locale.LanguageRange.parse(acceptLanguage));
      } catch (IllegalArgumentException ignored) {
        // a malformed header is a browser's mistake: the default language serves
      }
    }
    for (Locale.LanguageRange range : wanted) {
      Locale match = Locale.lookup(List.of(range), LANGUAGES);
      if (match != null) {
        return match;
      }
    }
    return LANGUAGES.get(0);
  }

  private static ResourceBundle bundle(Locale language) {
    return ResourceBundle.getBundle(
        "pages.messages",
        language,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static Map<String, String> messages(Locale language) {
    ResourceBundle bundle = bundle(language);
    Map<String, String> messages = new HashMap<>();
    for (String key : Collections.list(bundle.getKeys())) {
      messages.put(key, bundle.getString(key));
    }
    return messages;
  }
}
