package org.meditwin.app.cli;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.meditwin.core.domain.Patient;
import org.meditwin.store.DemoPatients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "demo",
    description = "Synthetic demo data.",
    subcommands = {DemoCommand.Load.class})
final class DemoCommand {

  @Command(
      name = "load",
      description =
          "Add the clearly-labelled synthetic demo patients (MRN prefix DEMO-); idempotent.")
  static final class Load implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Load.class);
    static final String DEMO_MRN_PREFIX = "DEMO-";
    private static final int SEARCH_LIMIT = 1000;

    private final CliContext context;

    @Mixin UserOption user;

    Load(CliContext context) {
      this.context = context;
    }

    record PatientJson(String id, String name) {}

    /** {@code patients}: every demo patient now present; {@code added}: how many this call made. */
    record Result(List<PatientJson> patients, int added) {}

    @Override
    public Integer call() {
      int[] added = {0};
      List<Patient> patients =
          context.withSession(
              user.resolve(context),
              session -> {
                added[0] = DemoPatients.load(session).size();
                return session.patients().search(DEMO_MRN_PREFIX, SEARCH_LIMIT).stream()
                    .filter(p -> p.synthetic() && p.mrn().startsWith(DEMO_MRN_PREFIX))
                    .sorted(Comparator.comparing(Patient::mrn))
                    .toList();
              });
      List<PatientJson> rows =
          patients.stream().map(p -> new PatientJson(p.id().value(), p.displayName())).toList();
      LOG.atInfo()
          .setMessage("demo patients loaded")
          .addKeyValue("event", "cli.demo.load")
          .addKeyValue("added", added[0])
          .addKeyValue("present", rows.size())
          .log();
      context.emit(
          new Result(rows, added[0]),
          rows.stream()
              .map(p -> p.id() + "  " + p.name() + "  (synthetic)")
              .collect(Collectors.joining(System.lineSeparator())));
      return ExitCode.OK;
    }
  }
}
