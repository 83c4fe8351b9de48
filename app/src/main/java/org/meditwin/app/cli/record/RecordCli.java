package org.meditwin.app.cli.record;

import java.util.List;
import java.util.Optional;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.app.search.KnowledgeBaseSettings;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.search.patient.PatientIndexes;
import org.meditwin.search.patient.PatientRecordIndex;
import picocli.CommandLine.Model.CommandSpec;

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

  /**
   * The session's patient-record index (same directory and key as the app), with the app's encoder
   * unless {@code keywordOnly} (then events are found by their words only).
   */
  static PatientRecordIndex patientIndex(CommandSpec spec, UserSession s, boolean keywordOnly) {
    Optional<org.meditwin.search.TextEmbedder> encoder =
        keywordOnly ? Optional.empty() : KnowledgeBaseSettings.shipped().encoder().load();
    return PatientIndexes.open(s, CliSupport.home(spec), encoder);
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
