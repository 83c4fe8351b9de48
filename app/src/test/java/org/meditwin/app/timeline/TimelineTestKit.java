package org.meditwin.app.timeline;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation with one synthetic patient and a timeline service. */
final class TimelineTestKit implements AutoCloseable {
  final EmbeddedWorkstation workstation;
  final UserSession session;
  final Patient patient;
  final TimelineService timeline;

  TimelineTestKit(Path dir) {
    workstation =
        EmbeddedWorkstation.open(
            dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = workstation.initialise("admin", "Ada Admin", "admin-password-1".toCharArray());
    patient =
        session
            .patients()
            .createSynthetic(
                new PatientInput(
                    "",
                    "Hester",
                    "Audiogram",
                    Optional.of(LocalDate.of(1949, 3, 1)),
                    Sex.FEMALE,
                    "",
                    "",
                    "",
                    ""));
    timeline = TimelineService.of(session);
  }

  String pid() {
    return patient.id().value();
  }

  /** A hearing-care history: visits, diagnoses, medications, thresholds per ear and frequency. */
  List<ClinicalEvent> hearingHistory() {
    List<ClinicalEvent> out = new ArrayList<>();
    Provenance p = Provenance.manual();
    out.add(
        ClinicalEvent.of(
                pid(),
                EventType.DIAGNOSIS,
                "Sensorineural hearing loss",
                LocalDate.of(2019, 5, 2),
                p)
            .withBodyPart("inner ear", Laterality.LEFT)
            .withStatus(EventStatus.ACTIVE)
            .withSeverity("moderate"));
    out.add(
        ClinicalEvent.of(pid(), EventType.SYMPTOM, "Tinnitus", LocalDate.of(2018, 11, 20), p)
            .withBodyPart("ear", Laterality.BILATERAL)
            .withStatus(EventStatus.ACTIVE));
    out.add(
        ClinicalEvent.of(pid(), EventType.DIAGNOSIS, "Otitis media", LocalDate.of(2016, 2, 9), p)
            .withBodyPart("middle ear", Laterality.RIGHT)
            .withStatus(EventStatus.RESOLVED)
            .withEndDate(LocalDate.of(2016, 2, 25)));
    out.add(
        ClinicalEvent.of(
                pid(), EventType.MEDICATION, "Amoxicillin 500 mg", LocalDate.of(2016, 2, 9), p)
            .withStatus(EventStatus.RESOLVED)
            .withEndDate(LocalDate.of(2016, 2, 19)));
    out.add(
        ClinicalEvent.of(
                pid(), EventType.MEDICATION, "Betahistine 16 mg", LocalDate.of(2021, 4, 1), p)
            .withStatus(EventStatus.ACTIVE));
    int[] freqs = {500, 1000, 2000, 4000};
    for (int year = 2017; year <= 2024; year++) {
      LocalDate d = LocalDate.of(year, 6, 1);
      out.add(
          ClinicalEvent.of(pid(), EventType.VISIT, "Audiology review", d, p)
              .withStatus(EventStatus.RESOLVED));
      for (int f : freqs) {
        double base = 15 + (year - 2017) * 3 + f / 200.0;
        out.add(
            ClinicalEvent.of(pid(), EventType.OBSERVATION, "Hearing threshold " + f + " Hz", d, p)
                .withBodyPart("ear", Laterality.LEFT)
                .withValue(base + 5, "dB HL"));
        out.add(
            ClinicalEvent.of(pid(), EventType.OBSERVATION, "Hearing threshold " + f + " Hz", d, p)
                .withBodyPart("ear", Laterality.RIGHT)
                .withValue(base, "dB HL"));
      }
      out.add(
          ClinicalEvent.of(pid(), EventType.OBSERVATION, "Systolic blood pressure", d, p)
              .withValue(120 + year - 2017, "mm[Hg]"));
    }
    return out;
  }

  /** {@code n} clearly synthetic filler events over 30 years (scale tests). */
  List<ClinicalEvent> filler(int n) {
    Random r = new Random(7);
    EventType[] types = EventType.values();
    List<ClinicalEvent> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      EventType t = types[r.nextInt(types.length)];
      out.add(
          ClinicalEvent.of(
              pid(),
              t,
              "Synthetic " + t.name().toLowerCase() + " " + i,
              LocalDate.of(1995, 1, 1).plusDays(r.nextInt(365 * 30)),
              Provenance.manual()));
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    workstation.close();
  }
}
