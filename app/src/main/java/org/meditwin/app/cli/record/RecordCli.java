package org.meditwin.app.cli.record;

import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;

/** Shared bits of the record commands (fhir, graph, timeline). */
final class RecordCli {
  static final String USER_ENV = "MEDITWIN_USER";

  private RecordCli() {}

  /** {@code --user}, else $MEDITWIN_USER. */
  static String user(String option) {
    if (option != null && !option.isBlank()) {
      return option;
    }
    String env = System.getenv(USER_ENV);
    if (env != null && !env.isBlank()) {
      return env;
    }
    throw new IllegalArgumentException("this command needs --user NAME");
  }

  /** A patient by workstation id, else by exact MRN. */
  static Patient patient(UserSession s, String idOrMrn) {
    if (idOrMrn == null || idOrMrn.isBlank()) {
      throw new IllegalArgumentException("--patient ID is required");
    }
    Optional<Patient> byId = Optional.empty();
    try {
      byId = s.patients().find(new PatientId(idOrMrn.strip()));
    } catch (IllegalArgumentException ignored) {
      // not an id: try the MRN
    }
    if (byId.isPresent()) {
      return byId.get();
    }
    List<Patient> byMrn =
        s.patients().search(idOrMrn.strip(), 20).stream()
            .filter(p -> p.mrn().equalsIgnoreCase(idOrMrn.strip()))
            .toList();
    if (byMrn.isEmpty()) {
      throw new IllegalArgumentException("no patient with that id or MRN");
    }
    return byMrn.getFirst();
  }
}
