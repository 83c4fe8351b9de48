package org.meditwin.app.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.AuditLog;
import org.meditwin.search.patient.PatientRecordHit;
import org.meditwin.soap.NoteTemplate;

/** Notes in the real (encrypted, BM25) patient-record index: search and similar notes. */
class NoteSearchTest {
  @TempDir Path dir;
  private SoapFixture f;

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void savedNotesAreSearchableForThePatientAndTheClinicAndSimilarNotesAreFound() {
    f =
        new SoapFixture(
            dir.resolve("data"),
            new DictationCapture(dir.resolve("models")),
            dir.resolve("data/patient-index"));
    f.drafted(NoteTemplate.HEARING);
    f.autosave.fire();
    String firstId = NoteSearch.recordId(f.vm.noteProperty().get().orElseThrow().id());

    f.vm.setPatient(Optional.of(f.other));
    f.vm
        .transcriptProperty()
        .set(
            "Doctor: Tell me about the ringing.\n"
                + "Patient: My right ear has been ringing since a loud concert, and I hear less.\n"
                + "Doctor: We will do an audiogram and consider a hearing aid trial.");
    f.vm.draft();
    f.autosave.fire();
    assertThat(f.index.orElseThrow().count()).isEqualTo(2);

    f.vm.noteQueryProperty().set("factory noise");
    f.vm.searchNotes();
    assertThat(f.vm.noteHits())
        .as("this patient only: the factory note is the other patient's")
        .isEmpty();
    f.vm.clinicScopeProperty().set(true);
    f.vm.searchNotes();
    assertThat(f.vm.noteHits()).extracting(PatientRecordHit::id).containsExactly(firstId);
    assertThat(f.vm.noteHits().getFirst().patientId()).isEqualTo(f.patient.id().value());
    assertThat(f.vm.openHit(f.vm.noteHits().getFirst()))
        .as("another patient's note: the pane switches patient first")
        .contains(f.patient.id().value());

    f.vm.findSimilar();
    assertThat(f.vm.noteHits()).extracting(PatientRecordHit::id).containsExactly(firstId);
    assertThat(f.vm.noteHitsTitleProperty().get()).isEqualTo("1 similar notes");

    assertThat(f.session.audit().find(AuditLog.Filter.all(), 50))
        .filteredOn(e -> e.action() == AuditAction.PHI_SEARCH)
        .hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(e -> assertThat(e.detail()).doesNotContain("factory"));
  }
}
