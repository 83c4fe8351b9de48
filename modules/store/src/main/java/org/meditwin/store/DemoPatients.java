package org.meditwin.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;

/**
 * A fixed set of clearly-labelled synthetic patients for demonstrations and training: MRN prefix
 * {@code DEMO-}, {@link Patient#synthetic()} true, notes starting with "Synthetic demo patient —
 * not a real person", reserved example phone numbers (555-01xx) and {@code example.org} e-mail.
 * Loading is idempotent: MRNs already present are skipped.
 */
public final class DemoPatients {

  static final String NOTICE = "Synthetic demo patient — not a real person.";
  static final String DEMO_LICENSE = "DEMO-AUD-0001";

  private DemoPatients() {}

  private static PatientInput demo(
      String mrn,
      String given,
      String family,
      LocalDate birth,
      Sex sex,
      String phoneSuffix,
      String address,
      String reason) {
    return new PatientInput(
        mrn,
        given,
        family,
        Optional.of(birth),
        sex,
        "+1 555 01" + phoneSuffix,
        given.toLowerCase(java.util.Locale.ROOT)
            + "."
            + family.toLowerCase(java.util.Locale.ROOT)
            + "@example.org",
        address,
        NOTICE + " " + reason);
  }

  /** The demo set (inputs only; loading assigns ids and timestamps). */
  static List<PatientInput> inputs() {
    return List.of(
        demo(
            "DEMO-0001",
            "Margaret",
            "Holloway",
            LocalDate.of(1948, 5, 14),
            Sex.FEMALE,
            "01",
            "14 Example Lane, Demo Town",
            "Gradual bilateral hearing loss over five years; struggles in restaurants;"
                + " first hearing-aid assessment."),
        demo(
            "DEMO-0002",
            "Rafael",
            "Ortega",
            LocalDate.of(1975, 9, 2),
            Sex.MALE,
            "02",
            "3 Sample Street, Demo Town",
            "Constant high-pitched tinnitus in the left ear after a concert; sleep affected."),
        demo(
            "DEMO-0003",
            "Aisha",
            "Khan",
            LocalDate.of(2016, 2, 20),
            Sex.FEMALE,
            "03",
            "27 Test Avenue, Demo Town",
            "Recurrent otitis media with effusion; school reports inattention; tympanometry"
                + " follow-up."),
        demo(
            "DEMO-0004",
            "Thomas",
            "Becker",
            LocalDate.of(1962, 11, 8),
            Sex.MALE,
            "04",
            "8 Placeholder Road, Demo Town",
            "Sudden sensorineural hearing loss right ear three days ago; urgent ENT referral"
                + " discussed."),
        demo(
            "DEMO-0005",
            "Élodie",
            "Marchand",
            LocalDate.of(1989, 7, 30),
            Sex.FEMALE,
            "05",
            "51 Mock Crescent, Demo Town",
            "Episodic vertigo with aural fullness and fluctuating low-frequency loss; suspected"
                + " Ménière's disease."),
        demo(
            "DEMO-0006",
            "Samuel",
            "Okafor",
            LocalDate.of(1957, 1, 17),
            Sex.MALE,
            "06",
            "2 Fictional Close, Demo Town",
            "Type 2 diabetes and hypertension; annual review; reports mild hearing difficulty on"
                + " the phone."),
        demo(
            "DEMO-0007",
            "Ingrid",
            "Lindqvist",
            LocalDate.of(1971, 3, 3),
            Sex.FEMALE,
            "07",
            "19 Illustration Way, Demo Town",
            "Cochlear implant recipient (right); routine mapping appointment and battery check."),
        demo(
            "DEMO-0008",
            "Chen",
            "Wei",
            LocalDate.of(1994, 12, 12),
            Sex.OTHER,
            "08",
            "6 Specimen Square, Demo Town",
            "Noise exposure at work (construction); baseline audiogram and custom ear-protection"
                + " fitting."));
  }

  /**
   * Adds the demo patients (and the demo professional) that are not there yet.
   *
   * @return the patients added by this call (empty when all were present)
   */
  public static List<Patient> load(UserSession session) {
    boolean professionalPresent =
        session.professionals().list(true).stream()
            .anyMatch(p -> DEMO_LICENSE.equals(p.licenseNumber()));
    if (!professionalPresent) {
      session
          .professionals()
          .create("Dr Demo Audiologist (synthetic)", "Audiologist", DEMO_LICENSE, Optional.empty());
    }
    List<Patient> added = new ArrayList<>();
    for (PatientInput in : inputs()) {
      if (mrnExists(session, in.mrn())) {
        continue;
      }
      added.add(session.patients().createSynthetic(in));
    }
    if (session instanceof StoreSession s) {
      s.db()
          .write(
              tx ->
                  s.audit(
                      tx,
                      AuditAction.DEMO_LOAD,
                      StorePatientService.TARGET,
                      "",
                      true,
                      "added=" + added.size()));
    }
    return List.copyOf(added);
  }

  private static boolean mrnExists(UserSession session, String mrn) {
    if (session instanceof StoreSession s) {
      return StorePatientService.idForMrn(s, mrn).isPresent();
    }
    return session.patients().search(mrn, 50).stream().anyMatch(p -> p.mrn().equals(mrn));
  }
}
