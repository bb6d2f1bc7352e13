package com.retail.identity.command.resources;

import static com.retail.identity.command.UserCommandApp.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.retail.identity.command.Http;
import com.retail.identity.command.UserCommandApp;
import com.retail.identity.command.UserCommandConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Login cannot tell an attacker which emails have accounts: a wrong password and an unknown email
 * get the same answer (status, the headers that matter, body) and take the same time. The issue
 * asks for the time as a measurement: the medians of 50 interleaved tries each, at production
 * hashing cost (Argon2id m=19456 KiB, t=2), after a warm-up, must differ by less than 20%. It is a
 * comparison of two medians measured side by side on the same machine, so other load slows both
 * alike.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class LoginTimingIT {
  static final DropwizardAppExtension<UserCommandConfiguration> APP = UserCommandApp.extension();
  private static final int TRIES = 50;
  private static final int WARM_UP = 10;
  private static final String WRONG = "wrong-Password-77-harbor!";

  /** Headers that differ on every answer, whatever the outcome. */
  private static final Set<String> PER_RESPONSE = Set.of("date", "x-request-id");

  private static HttpResponse<String> logIn(Http http, String email) {
    return http.post(
        "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + WRONG + "\"}");
  }

  /** One account per wrong-password try, so the per-account throttle never answers instead. */
  private static List<String> accounts(Http http, int count) {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String email = uniqueEmail();
      http.register(email);
      emails.add(email);
    }
    return emails;
  }

  @Test
  void anUnknownEmailAndAWrongPasswordGetTheSameAnswerInTheSameTime() {
    Http http = new Http(APP.getLocalPort());
    List<String> known = accounts(http, TRIES + WARM_UP);
    for (int i = 0; i < WARM_UP; i++) {
      logIn(http, known.remove(known.size() - 1));
      logIn(http, uniqueEmail());
    }

    long[] wrongPassword = new long[TRIES];
    long[] unknownEmail = new long[TRIES];
    HttpResponse<String> lastWrong = null;
    HttpResponse<String> lastUnknown = null;
    for (int i = 0; i < TRIES; i++) {
      // Alternate which goes first, so neither always follows the other.
      boolean wrongFirst = i % 2 == 0;
      if (wrongFirst) {
        long t0 = System.nanoTime();
        lastWrong = logIn(http, known.get(i));
        wrongPassword[i] = System.nanoTime() - t0;
      }
      long t1 = System.nanoTime();
      lastUnknown = logIn(http, uniqueEmail());
      unknownEmail[i] = System.nanoTime() - t1;
      if (!wrongFirst) {
        long t2 = System.nanoTime();
        lastWrong = logIn(http, known.get(i));
        wrongPassword[i] = System.nanoTime() - t2;
      }
      assertThat(lastWrong.statusCode()).as(lastWrong.body()).isEqualTo(401);
      assertThat(lastUnknown.statusCode()).as(lastUnknown.body()).isEqualTo(401);
    }

    assertThat(lastUnknown.body()).isEqualTo(lastWrong.body());
    assertThat(headersThatMatter(lastUnknown)).isEqualTo(headersThatMatter(lastWrong));
    double wrongMedian = median(wrongPassword) / 1e6;
    double unknownMedian = median(unknownEmail) / 1e6;
    System.out.printf(
        "login timing: median wrong password %.1f ms, unknown email %.1f ms (%d tries each)%n",
        wrongMedian, unknownMedian, TRIES);
    assertThat(Math.max(wrongMedian, unknownMedian) / Math.min(wrongMedian, unknownMedian))
        .as("median wrong password %.1f ms vs unknown email %.1f ms", wrongMedian, unknownMedian)
        .isLessThan(1.2);
  }

  private static Set<String> headersThatMatter(HttpResponse<String> response) {
    Set<String> headers = new TreeSet<>();
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!PER_RESPONSE.contains(name.toLowerCase())) {
                headers.add(name.toLowerCase() + ": " + values);
              }
            });
    return headers;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }
}
