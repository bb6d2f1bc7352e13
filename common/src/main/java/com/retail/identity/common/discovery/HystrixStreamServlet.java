package com.retail.identity.common.discovery;

import com.netflix.config.DynamicIntProperty;
import com.netflix.config.DynamicPropertyFactory;
import com.netflix.hystrix.metric.consumer.HystrixDashboardStream;
import com.netflix.hystrix.serial.SerialHystrixDashboardData;
import io.dropwizard.core.setup.Environment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rx.Subscription;

/**
 * {@code text/event-stream} of Hystrix command, thread pool and collapser metrics, in the format of
 * Hystrix's {@code HystrixMetricsStreamServlet} (which is javax.servlet and cannot run on Jetty
 * 12), for a Hystrix dashboard or Turbine. Mount it on the admin port with {@link
 * #mount(Environment)}.
 *
 * <p>Every {@code delay} ms (request parameter, default 500) the servlet thread writes the JSON
 * objects sampled since the last write as {@code data: {...}\n\n}, or {@code ping: \n\n} when there
 * are none, and flushes; a failed write (client gone) ends the request and unsubscribes. At most
 * {@code hystrix.stream.maxConcurrentConnections} (5) streams run at once, 503 beyond.
 */
public class HystrixStreamServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(HystrixStreamServlet.class);

  public static final String PATH = "/hystrix.stream";
  static final int DEFAULT_DELAY_MS = 500;
  static final int MIN_DELAY_MS = 50;
  static final int MAX_DELAY_MS = 60_000;

  /** Messages held per connection; beyond this the client is too slow and is dropped. */
  static final int MAX_QUEUED = 1_000;

  private static final AtomicInteger CONCURRENT = new AtomicInteger();

  private transient volatile DynamicIntProperty maxConnections;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /** Adds the servlet to Dropwizard's admin port at {@code /hystrix.stream}. */
  public static void mount(Environment env) {
    env.admin().addServlet("hystrix.stream", new HystrixStreamServlet()).addMapping(PATH);
  }

  /** Streams currently open in this JVM. */
  public static int currentConnections() {
    return CONCURRENT.get();
  }

  private int maxConnections() {
    DynamicIntProperty p = maxConnections;
    if (p == null) {
      p =
          DynamicPropertyFactory.getInstance()
              .getIntProperty("hystrix.stream.maxConcurrentConnections", 5);
      maxConnections = p;
    }
    return p.get();
  }

  @Override
  public void init() {
    destroyed.set(false);
  }

  @Override
  public void destroy() {
    destroyed.set(true);
    super.destroy();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (destroyed.get()) {
      response.sendError(503, "Service has been shut down.");
      return;
    }
    int open = CONCURRENT.incrementAndGet();
    Subscription subscription = null;
    try {
      int max = maxConnections();
      if (open > max) {
        response.sendError(503, "MaxConcurrentConnections reached: " + max);
        return;
      }
      int delay = delayOf(request);
      response.setStatus(200);
      response.setContentType("text/event-stream;charset=UTF-8");
      response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
      response.setHeader("Pragma", "no-cache");

      LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
      AtomicBoolean streamFailed = new AtomicBoolean();
      subscription =
          HystrixDashboardStream.getInstance()
              .observe()
              .subscribe(
                  data -> {
                    for (String json : SerialHystrixDashboardData.toMultipleJsonStrings(data)) {
                      if (!queue.offer(json)) {
                        streamFailed.set(true); // reader not keeping up: give up on this client
                        return;
                      }
                    }
                  },
                  error -> {
                    LOG.warn("Hystrix dashboard stream failed", error);
                    streamFailed.set(true);
                  },
                  () -> streamFailed.set(true));

      PrintWriter writer = response.getWriter();
      List<String> batch = new ArrayList<>();
      // Single writer: only this request thread touches the response.
      while (!destroyed.get() && !streamFailed.get()) {
        batch.clear();
        queue.drainTo(batch);
        if (batch.isEmpty()) {
          writer.print("ping: \n\n");
        } else {
          for (String json : batch) {
            writer.print("data: " + json + "\n\n");
          }
        }
        writer.flush();
        if (writer.checkError()) { // PrintWriter swallows IOExceptions: the client went away
          break;
        }
        try {
          Thread.sleep(delay);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } finally {
      CONCURRENT.decrementAndGet();
      if (subscription != null) {
        subscription.unsubscribe();
      }
    }
  }

  static int delayOf(HttpServletRequest request) {
    String value = request.getParameter("delay");
    if (value == null) {
      return DEFAULT_DELAY_MS;
    }
    try {
      return Math.min(Math.max(Integer.parseInt(value.trim()), MIN_DELAY_MS), MAX_DELAY_MS);
    } catch (NumberFormatException e) {
      return DEFAULT_DELAY_MS;
    }
  }
}
