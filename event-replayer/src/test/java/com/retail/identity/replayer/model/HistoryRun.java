package com.retail.identity.replayer.model;

import com.retail.identity.replayer.model.History.ChangePassword;
import com.retail.identity.replayer.model.History.ChangeProfile;
import com.retail.identity.replayer.model.History.Erase;
import com.retail.identity.replayer.model.History.Import;
import com.retail.identity.replayer.model.History.LogIn;
import com.retail.identity.replayer.model.History.Register;
import com.retail.identity.replayer.model.History.Spelling;
import com.retail.identity.replayer.model.History.Step;
import com.retail.identity.replayer.model.Journal.Action;
import com.retail.identity.replayer.model.Journal.Call;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one history: one thread per client, all released at once. The clients share what they learn,
 * as the apps of one person on several devices would: the person's latest session, the password
 * they believe is current, and the last version each account answered.
 */
final class HistoryRun {
  /** Two strong passwords per person; a password change switches to the other one. */
  static final List<String> PASSWORDS =
      List.of("violet-Harbor-93-lantern!", "amber-Quarry-58-kestrel?");

  private final CommandApi api;
  private final Importer importer;
  private final String domain;
  private final Journal journal = new Journal();
  private final Map<UUID, Long> seenVersions = new ConcurrentHashMap<>();
  private final List<Person> people = new ArrayList<>();

  /** What the clients know about one person. */
  private static final class Person {
    volatile int password;
    volatile Session session;

    /**
     * Whether any client saw an account made for this person (else one password is enough to try).
     */
    volatile boolean known;
  }

  private record Session(UUID userId, String token) {}

  HistoryRun(CommandApi api, Importer importer, String domain, int people) {
    this.api = api;
    this.importer = importer;
    this.domain = domain;
    for (int p = 0; p < people; p++) {
      this.people.add(new Person());
    }
  }

  Journal run(History history) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(history.clients().size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < history.clients().size(); c++) {
        int client = c;
        List<Step> steps = history.clients().get(c);
        running.add(
            clients.submit(
                () -> {
                  start.await();
                  for (int s = 0; s < steps.size(); s++) {
                    take(client, s, steps.get(s));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> client : running) {
        client.get(5, TimeUnit.MINUTES);
      }
    } finally {
      clients.shutdownNow();
    }
    return journal;
  }

  private void take(int client, int step, Step what) {
    Person person = people.get(what.person());
    if (what instanceof Register r) {
      String email = r.spelling().of(r.person(), domain);
      CommandApi.Answer answer =
          call(
              client,
              step,
              r.person(),
              Action.REGISTER,
              email,
              null,
              null,
              r.firstName(),
              () -> api.register(email, PASSWORDS.get(r.password()), r.firstName()));
      if (answer.status() == 201) {
        person.known = true;
        person.password = r.password();
        seenVersions.merge(answer.userId(), answer.version(), Math::max);
        logIn(client, step, r.person(), r.spelling());
      }
    } else if (what instanceof LogIn l) {
      logIn(client, step, l.person(), l.spelling());
    } else if (what instanceof ChangeProfile p) {
      Session session = session(client, step, p.person());
      if (session == null) {
        return;
      }
      String ifMatch =
          p.precondition().header(seenVersions.getOrDefault(session.userId(), 1L), p.offset());
      CommandApi.Answer answer =
          call(
              client,
              step,
              p.person(),
              Action.PATCH,
              null,
              session.userId(),
              ifMatch,
              p.firstName(),
              () -> api.changeProfile(session.userId(), session.token(), p.firstName(), ifMatch));
      if (answer.status() == 200) {
        seenVersions.merge(session.userId(), answer.version(), Math::max);
      }
      forgetIfGone(person, session, answer);
    } else if (what instanceof ChangePassword c) {
      Session session = session(client, step, c.person());
      if (session == null) {
        return;
      }
      int current = person.password;
      CommandApi.Answer answer =
          call(
              client,
              step,
              c.person(),
              Action.PASSWORD,
              null,
              session.userId(),
              null,
              null,
              () ->
                  api.changePassword(
                      session.userId(),
                      session.token(),
                      PASSWORDS.get(current),
                      PASSWORDS.get(1 - current)));
      if (answer.status() == 204) {
        person.password = 1 - current;
      }
      forgetIfGone(person, session, answer);
    } else if (what instanceof Erase e) {
      Session session = session(client, step, e.person());
      if (session == null) {
        return;
      }
      CommandApi.Answer answer =
          call(
              client,
              step,
              e.person(),
              Action.ERASE,
              null,
              session.userId(),
              null,
              null,
              () -> api.erase(session.userId(), session.token(), PASSWORDS.get(person.password)));
      if (answer.status() == 204) {
        forget(person, session);
      }
      forgetIfGone(person, session, answer);
    } else if (what instanceof Import i) {
      String email = i.spelling().of(i.person(), domain);
      long started = journal.sinceStartMillis();
      String outcome = importer.importOne(email, i.firstName(), PASSWORDS.get(0));
      journal.add(
          new Call(
              client,
              step,
              i.person(),
              Action.IMPORT,
              email,
              null,
              null,
              i.firstName(),
              0,
              null,
              outcome,
              started,
              journal.sinceStartMillis() - started));
      if ("IMPORTED".equals(outcome)) {
        person.known = true;
        person.password = 0;
      }
    }
  }

  /** The person's session; without one, the client logs in first (with the plain spelling). */
  private Session session(int client, int step, int who) {
    Session session = people.get(who).session;
    return session != null ? session : logIn(client, step, who, Spelling.PLAIN);
  }

  /** Logs in with the password the clients believe is current, then with the other one. */
  private Session logIn(int client, int step, int who, Spelling spelling) {
    Person person = people.get(who);
    String email = spelling.of(who, domain);
    int first = person.password;
    for (int password : person.known ? new int[] {first, 1 - first} : new int[] {first}) {
      CommandApi.Answer answer =
          call(
              client,
              step,
              who,
              Action.LOGIN,
              email,
              null,
              null,
              null,
              () -> api.logIn(email, PASSWORDS.get(password)));
      if (answer.status() == 200) {
        Session session = new Session(answer.userId(), answer.body().path("accessToken").asText());
        seenVersions.putIfAbsent(session.userId(), 1L);
        person.session = session;
        return session;
      }
      if (answer.status() != 401) {
        return null; // throttled or failing: this step does nothing more
      }
    }
    return null;
  }

  /**
   * A session whose account is gone or whose token no longer works is dropped; the next step logs
   * in again.
   */
  private static void forgetIfGone(Person person, Session session, CommandApi.Answer answer) {
    if (answer.status() == 401 || answer.status() == 404) {
      forget(person, session);
    }
  }

  private static void forget(Person person, Session session) {
    synchronized (person) {
      if (person.session == session) {
        person.session = null;
      }
    }
  }

  private CommandApi.Answer call(
      int client,
      int step,
      int person,
      Action action,
      String email,
      UUID userId,
      String ifMatch,
      String firstName,
      java.util.function.Supplier<CommandApi.Answer> request) {
    long started = journal.sinceStartMillis();
    CommandApi.Answer answer = request.get();
    UUID answeredUser = userId != null ? userId : answer.userId();
    journal.add(
        new Call(
            client,
            step,
            person,
            action,
            email,
            answeredUser,
            ifMatch,
            firstName,
            answer.status(),
            answer.version(),
            answer.status() >= 400 || answer.status() == Journal.NO_ANSWER
                ? answer.problem()
                : null,
            started,
            journal.sinceStartMillis() - started));
    return answer;
  }
}
