package org.meditwin.app.soap;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.notes.NoteService;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation, a signed-in clinician and a view model wired to them. */
final class SoapFixture implements AutoCloseable {
  static final String TRANSCRIPT =
      "Doctor: What brings you in today?\n"
          + "Patient: I have had ringing in my left ear for about two weeks.\n"
          + "Doctor: Any dizziness or vertigo?\n"
          + "Patient: No, no dizziness at all.\n"
          + "Doctor: Do you work around loud noise?\n"
          + "Patient: Yes, I worked in a factory for twenty years without ear protection.\n"
          + "Doctor: On otoscopy both ear canals are clear and the tympanic membranes are intact.\n"
          + "Doctor: Your audiogram shows a mild sensorineural hearing loss in the left ear.\n"
          + "Doctor: I recommend a hearing aid trial and we will follow up in six weeks.";

  final EmbeddedWorkstation ws;
  final UserSession session;
  final I18n i18n = new I18n(Language.ENGLISH);
  final ScriptedDialogs dialogs = new ScriptedDialogs();
  final ManualDebouncer autosave = new ManualDebouncer();
  final ManualDebouncer revalidation = new ManualDebouncer();
  final NoteService notes;
  final Patient patient;
  final Patient other;
  final SoapViewModel vm;
  final Optional<PatientRecordIndex> index;

  SoapFixture(Path dir, SpeechCapture capture) {
    this(dir, capture, null);
  }

  /** With the session's patient-record index (BM25) when {@code indexDir} is given. */
  SoapFixture(Path dir, SpeechCapture capture, Path indexDir) {
    ws =
        EmbeddedWorkstation.open(
            dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = ws.initialise("anna", "Dr Anna Reyes", "anna-password-1".toCharArray());
    notes = NoteService.of(session);
    patient = patient("Grace", "Hopper", "MRN-100");
    other = patient("Alan", "Turing", "MRN-200");
    index =
        indexDir == null
            ? Optional.empty()
            : Optional.of(
                PatientRecordIndex.open(
                    indexDir,
                    session.clinicalStore().derivedKey("patient-index"),
                    Optional.empty()));
    vm =
        new SoapViewModel(
            session,
            notes,
            TaskExecutor.sameThread(),
            i18n,
            new ErrorReporter(dialogs, i18n),
            dialogs,
            Clock.systemUTC(),
            ZoneOffset.UTC,
            PipelineEngine::rulesOnly,
            capture,
            new NoteSearch(() -> index, session, ZoneOffset.UTC),
            autosave,
            revalidation,
            Runnable::run);
  }

  private Patient patient(String given, String family, String mrn) {
    return session
        .patients()
        .create(
            new PatientInput(
                mrn,
                given,
                family,
                Optional.of(LocalDate.of(1950, 5, 6)),
                Sex.FEMALE,
                "",
                "",
                "",
                ""));
  }

  /** Selects the patient, pastes the transcript and drafts with the rule pipeline. */
  void drafted(org.meditwin.soap.NoteTemplate template) {
    vm.setPatient(Optional.of(patient));
    vm.templateProperty().set(template);
    vm.transcriptProperty().set(TRANSCRIPT);
    vm.draft();
  }

  @Override
  public void close() {
    vm.dispose();
    index.ifPresent(PatientRecordIndex::close);
    session.close();
    ws.close();
  }
}
