package org.meditwin.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.UserSession;
import org.meditwin.soap.Section;
import org.meditwin.soap.SoapDraft;
import org.meditwin.store.EmbeddedWorkstation;

class NoteServiceTest {
  @TempDir Path dir;

  @Test
  void everyAutosaveIsPersistedAndSurvivesReopening() {
    NoteId id;
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      SoapNote created =
          notes.createDraft(
              p.id().value(),
              Optional.empty(),
              NoteFixture.TRANSCRIPT,
              NoteFixture.hearingDraft("Ringing in the left ear."));
      id = created.id();
      assertThat(created.status()).isEqualTo(NoteStatus.DRAFT);
      assertThat(created.revision()).isEqualTo(1);
      notes.saveDraft(id, NoteFixture.TRANSCRIPT, NoteFixture.hearingDraft("Edit one."));
      SoapNote saved =
          notes.saveDraft(
              id, NoteFixture.TRANSCRIPT + " Extra.", NoteFixture.hearingDraft("Edit two."));
      assertThat(saved.revision()).isEqualTo(3);
      assertThat(saved.updated()).isAfter(created.updated());
    }
    // a new process: nothing of the last edit is lost
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.login(ws)) {
      SoapNote note = NoteService.of(s).find(id).orElseThrow();
      assertThat(note.draft().section(Section.SUBJECTIVE)).isEqualTo("Edit two.");
      assertThat(note.transcript()).endsWith(" Extra.");
      assertThat(note.draft()).isEqualTo(NoteFixture.hearingDraft("Edit two."));
      assertThat(note.revision()).isEqualTo(3);
    }
  }

  @Test
  void approvalRecordsWhoAndWhenAndLocksTheNote() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      SoapNote draft =
          notes.createDraft(
              p.id().value(),
              Optional.of("visit-1"),
              NoteFixture.TRANSCRIPT,
              NoteFixture.hearingDraft("Ringing in the left ear."));
      SoapNote approved = notes.approve(draft.id());

      assertThat(approved.status()).isEqualTo(NoteStatus.APPROVED);
      assertThat(approved.isLocked()).isTrue();
      assertThat(approved.visitId()).contains("visit-1");
      Approval a = approved.approval().orElseThrow();
      assertThat(a.approverName()).isEqualTo("Dr Ada Lovelace");
      assertThat(a.approverPseudonym()).isEqualTo(s.clinicalStore().actorPseudonym());
      assertThat(a.approverPseudonym()).startsWith("u_").doesNotContain("admin");
      assertThat(a.at()).isAfter(draft.updated());
      assertThat(a.content()).isEqualTo(draft.draft());
      assertThat(a.contentSha256()).hasSize(64);

      SoapDraft change = NoteFixture.hearingDraft("Changed after signing.");
      assertThatThrownBy(() -> notes.saveDraft(draft.id(), NoteFixture.TRANSCRIPT, change))
          .isInstanceOf(NoteLockedException.class)
          .hasMessageContaining("amendment");
      assertThatThrownBy(() -> notes.approve(draft.id())).isInstanceOf(NoteLockedException.class);
      assertThatThrownBy(() -> notes.discardDraft(draft.id()))
          .isInstanceOf(NoteLockedException.class);
      assertThat(notes.find(draft.id()).orElseThrow().draft()).isEqualTo(draft.draft());
    }
  }

  @Test
  void amendmentsKeepTheApprovedContentAndTheirOwnHistory() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      SoapNote draft =
          notes.createDraft(
              p.id().value(),
              Optional.empty(),
              NoteFixture.TRANSCRIPT,
              NoteFixture.hearingDraft("Original."));
      assertThatThrownBy(() -> notes.amend(draft.id(), "why", NoteFixture.hearingDraft("x")))
          .isInstanceOf(IllegalStateException.class);
      notes.approve(draft.id());
      assertThatThrownBy(() -> notes.amend(draft.id(), "  ", NoteFixture.hearingDraft("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("reason");

      notes.amend(draft.id(), "Laterality corrected", NoteFixture.hearingDraft("First fix."));
      SoapNote twice =
          notes.amend(draft.id(), "Follow-up added", NoteFixture.hearingDraft("Second fix."));

      assertThat(twice.status()).isEqualTo(NoteStatus.APPROVED);
      assertThat(twice.draft().section(Section.SUBJECTIVE)).isEqualTo("Second fix.");
      assertThat(twice.approval().orElseThrow().content().section(Section.SUBJECTIVE))
          .isEqualTo("Original.");
      List<Amendment> history = twice.amendments();
      assertThat(history).extracting(Amendment::sequence).containsExactly(1, 2);
      assertThat(history)
          .extracting(Amendment::reason)
          .containsExactly("Laterality corrected", "Follow-up added");
      assertThat(history.getFirst().content().section(Section.SUBJECTIVE)).isEqualTo("First fix.");
      assertThat(history.getFirst().authorName()).isEqualTo("Dr Ada Lovelace");
      assertThat(history.getFirst().authorPseudonym())
          .isEqualTo(s.clinicalStore().actorPseudonym());
      assertThat(history.get(1).at()).isAfter(history.getFirst().at());
      assertThat(history.getFirst().contentSha256()).isNotEqualTo(history.get(1).contentSha256());
    }
  }

  @Test
  void everyStepIsAuditedWithTheNoteIdAndNoPhi() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      long before = s.audit().size();
      NoteId id =
          notes
              .createDraft(
                  p.id().value(),
                  Optional.empty(),
                  NoteFixture.TRANSCRIPT,
                  NoteFixture.hearingDraft("One."))
              .id();
      notes.saveDraft(id, NoteFixture.TRANSCRIPT, NoteFixture.hearingDraft("Two."));
      notes.find(id);
      notes.forPatient(p.id().value());
      notes.approve(id);
      notes.amend(id, "Typo", NoteFixture.hearingDraft("Three."));
      notes.renderPdf(id);

      List<AuditEvent> events =
          s.audit().find(AuditLog.Filter.all(), 100).stream()
              .filter(e -> e.seq() > before)
              .toList()
              .reversed();
      List<AuditEvent> noteEvents =
          events.stream().filter(e -> e.targetType().equals(NoteService.TARGET)).toList();
      assertThat(noteEvents)
          .extracting(AuditEvent::action)
          .containsSubsequence(
              AuditAction.PHI_CREATE,
              AuditAction.PHI_UPDATE,
              AuditAction.PHI_READ,
              AuditAction.PHI_APPROVE,
              AuditAction.PHI_AMEND,
              AuditAction.EXPORT);
      assertThat(noteEvents).allSatisfy(e -> assertThat(e.targetId()).isEqualTo(id.value()));
      assertThat(events)
          .anySatisfy(
              e -> {
                assertThat(e.targetType()).isEqualTo("patient-notes");
                assertThat(e.targetId()).isEqualTo(p.id().value());
              });
      assertThat(events)
          .allSatisfy(
              e ->
                  assertThat(e.detail())
                      .doesNotContain("Hopper")
                      .doesNotContain(NoteFixture.MARKER)
                      .doesNotContain("Three"));
      assertThat(events).allSatisfy(e -> assertThat(e.actor()).startsWith("u_"));
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }

  @Test
  void listsOnlyThePatientsNotesNewestChangeFirst() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient grace = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      Patient alan = NoteFixture.patient(s, "Alan", "Turing", "MRN-2");
      NoteService notes = NoteService.of(s);
      NoteId first =
          notes
              .createDraft(
                  grace.id().value(), Optional.empty(), "a", NoteFixture.hearingDraft("A."))
              .id();
      NoteId second =
          notes
              .createDraft(
                  grace.id().value(), Optional.empty(), "b", NoteFixture.hearingDraft("B."))
              .id();
      notes.createDraft(alan.id().value(), Optional.empty(), "c", NoteFixture.hearingDraft("C."));
      notes.saveDraft(first, "a2", NoteFixture.hearingDraft("A2."));

      assertThat(notes.forPatient(grace.id().value()))
          .extracting(SoapNote::id)
          .containsExactly(first, second);
      assertThat(notes.count()).isEqualTo(3);
      assertThat(notes.all()).hasSize(3);
      assertThat(notes.forPatient("nobody")).isEmpty();
    }
  }

  @Test
  void refusesNotesForUnknownPatientsAndMissingNotes() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      NoteService notes = NoteService.of(s);
      assertThatThrownBy(
              () ->
                  notes.createDraft(
                      "no-such-patient", Optional.empty(), "t", NoteFixture.hearingDraft("x")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("The patient no longer exists.");
      NoteId missing = NoteId.random();
      assertThat(notes.find(missing)).isEmpty();
      assertThatThrownBy(() -> notes.saveDraft(missing, "t", NoteFixture.hearingDraft("x")))
          .isInstanceOf(NoteNotFoundException.class);
      assertThatThrownBy(() -> notes.approve(missing)).isInstanceOf(NoteNotFoundException.class);
    }
  }

  @Test
  void discardedDraftsAreGone() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      NoteId id =
          notes
              .createDraft(p.id().value(), Optional.empty(), "t", NoteFixture.hearingDraft("x"))
              .id();
      notes.discardDraft(id);
      assertThat(notes.find(id)).isEmpty();
      assertThat(notes.count()).isZero();
    }
  }

  @Test
  void practiceHeaderDefaultsAndPersists() {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      NoteService notes = NoteService.of(s);
      assertThat(notes.practiceHeader()).isEqualTo(PracticeHeader.standard());
      notes.setPracticeHeader(new PracticeHeader("Harbour Hearing Clinic", "1 Quay St"));
      assertThat(notes.practiceHeader().name()).isEqualTo("Harbour Hearing Clinic");
      assertThatThrownBy(() -> new PracticeHeader(" ", ""))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void noteTextIsNeverPlaintextInTheDataDirectory() throws IOException {
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Grace", "Hopper", "MRN-1");
      NoteService notes = NoteService.of(s);
      NoteId id =
          notes
              .createDraft(
                  p.id().value(),
                  Optional.empty(),
                  NoteFixture.TRANSCRIPT,
                  NoteFixture.hearingDraft("Tinnitus after the " + NoteFixture.MARKER + " gig."))
              .id();
      notes.approve(id);
      notes.amend(id, "Reason " + NoteFixture.MARKER, NoteFixture.hearingDraft("Amended."));
      notes.find(id);
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertThat(all).isNotEmpty();
      for (Path f : all) {
        byte[] data = Files.readAllBytes(f);
        for (String variant :
            List.of(NoteFixture.MARKER, NoteFixture.MARKER.toLowerCase(Locale.ROOT))) {
          for (Charset cs :
              List.of(
                  StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            assertThat(indexOf(data, variant.getBytes(cs)))
                .as(dir.relativize(f) + " " + cs)
                .isNegative();
          }
        }
      }
    }
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
