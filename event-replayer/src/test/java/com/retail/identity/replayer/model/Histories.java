package com.retail.identity.replayer.model;

import static org.quicktheories.generators.SourceDSL.lists;

import com.retail.identity.replayer.model.History.ChangePassword;
import com.retail.identity.replayer.model.History.ChangeProfile;
import com.retail.identity.replayer.model.History.Erase;
import com.retail.identity.replayer.model.History.Import;
import com.retail.identity.replayer.model.History.LogIn;
import com.retail.identity.replayer.model.History.Register;
import com.retail.identity.replayer.model.History.Spelling;
import com.retail.identity.replayer.model.History.Step;
import com.retail.identity.replayer.model.ModelSettings.Operation;
import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators of histories. Shrinking works on the random choices underneath, so a failing history
 * shrinks towards fewer clients, fewer steps, lower person numbers and the earlier choices of each
 * list.
 */
final class Histories {
  private static final List<String> NAMES =
      List.of("Ada", "Grace", "Hedy", "Amara", "Yuki", "Zoë", "Björn", "Élodie");

  private Histories() {}

  /**
   * No flatMap: the steps are drawn directly (the people are those they name), which keeps every
   * choice shrinkable.
   */
  static Gen<History> of(ModelSettings settings) {
    return lists()
        .of(
            lists()
                .of(step(Math.max(1, settings.people()), settings))
                .ofSizeBetween(1, Math.max(1, settings.steps())))
        .ofSizeBetween(Math.min(2, settings.clients()), Math.max(1, settings.clients()))
        .map(
            clients ->
                new History(
                    1
                        + clients.stream()
                            .flatMap(List::stream)
                            .mapToInt(Step::person)
                            .max()
                            .orElse(0),
                    clients))
        .describedAs(History::describe);
  }

  private static Gen<Step> step(int people, ModelSettings settings) {
    Gen<Integer> person = Generate.range(0, people - 1);
    Gen<Spelling> spelling = Generate.pick(List.copyOf(settings.spellings()));
    Gen<String> name = Generate.pick(NAMES);
    List<Pair<Integer, Gen<Step>>> choices = new ArrayList<>();
    for (Operation operation : settings.operations()) {
      switch (operation) {
        case LOGIN -> choices.add(Pair.of(2, step(person.zip(spelling, LogIn::new))));
        case REGISTER ->
            choices.add(
                Pair.of(3, step(person.zip(spelling, Generate.range(0, 1), name, Register::new))));
        case PROFILE ->
            choices.add(
                Pair.of(
                    5,
                    step(
                        person.zip(
                            name,
                            Generate.pick(List.copyOf(settings.preconditions())),
                            Generate.range(1, 3),
                            ChangeProfile::new))));
        case PASSWORD -> choices.add(Pair.of(1, step(person.map(ChangePassword::new))));
        case ERASE -> choices.add(Pair.of(1, step(person.map(Erase::new))));
        case IMPORT -> choices.add(Pair.of(1, step(person.zip(spelling, name, Import::new))));
      }
    }
    return Generate.frequency(choices);
  }

  private static Gen<Step> step(Gen<? extends Step> steps) {
    return steps.map(step -> (Step) step);
  }
}
