package org.meditwin.app.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.notes.NoteStatus;
import org.meditwin.notes.SoapNote;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.Section;
import org.meditwin.soap.SentenceCheck;
import org.meditwin.soap.SourceSpan;
import org.meditwin.soap.Verdict;

class SoapViewModelTest {
  @TempDir Path dir;
  private SoapFixture f;

  /** Speech capture that "recognises" fixed utterances, to test the pane's capture logic. */
  static final class ScriptedCapture implements SpeechCapture {
    final List<String> utterances;
    Runnable afterFirst = () -> {};

    ScriptedCapture(List<String> utterances) {
      this.utterances = utterances;
    }

    @Override
    public String transcribeWav(
        Path wav, Consumer<String> partial, DoubleConsumer progress, BooleanSupplier cancelled) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < utterances.size(); i++) {
        if (cancelled.getAsBoolean()) {
          break;
        }
        partial.accept(utterances.get(i));
        progress.accept((i + 1) / (double) utterances.size());
        sb.append(i == 0 ? "" : " ").append(utterances.get(i));
        if (i == 0) {
          afterFirst.run();
        }
      }
      return sb.toString();
    }

    @Override
    public String dictate(Consumer<String> partial, BooleanSupplier stop) {
      return transcribeWav(Path.of("mic"), partial, x -> {}, stop);
    }

    @Override
    public void close() {}
  }

  private SoapFixture fixture() {
    f = new SoapFixture(dir.resolve("data"), new DictationCapture(dir.resolve("no-models")));
    return f;
  }

  @AfterEach
  void close() {
    if (f != null) {
      f.close();
    }
  }

  private SoapNote stored() {
    return f.notes.forPatient(f.patient.id().value()).getFirst();
  }

  @Test
  void withoutAPatientEveryActionAsksToPickOne() {
    fixture();
    f.vm.transcriptProperty().set("Patient: my ear rings.");
    f.vm.draft();
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.error.noPatient"));
    f.vm.importWav(dir.resolve("x.wav"));
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.error.noPatient"));
    f.autosave.fire();
    assertThat(f.notes.count()).isZero();
  }

  @Test
  void draftingFillsTheFourSectionsWithSourcesVerdictsAndHearingFields() {
    fixture().drafted(NoteTemplate.HEARING);
    assertThat(f.vm.errorProperty().get()).isEmpty();
    List<SentenceItem> items = f.vm.sentences();
    assertThat(items).isNotEmpty();
    assertThat(items).extracting(SentenceItem::section).contains(Section.SUBJECTIVE, Section.PLAN);
    assertThat(items).anySatisfy(i -> assertThat(i.sources()).isNotEmpty());
    assertThat(items).allSatisfy(i -> assertThat(i.checkProperty().get()).isPresent());
    assertThat(f.vm.validationSummaryProperty().get()).contains("supported");
    assertThat(f.vm.field("tinnitus").get() + f.vm.field("laterality").get()).isNotBlank();
    assertThat(f.vm.statusProperty().get()).startsWith("Drafted " + items.size() + " sentences");
  }

  @Test
  void emptyAndGarbledTranscriptsGetClearMessagesAndNothingIsLost() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.draft();
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.error.emptyTranscript"));
    String garbled = "@@@ ### %%% ^^^ &&& *** ((( )))";
    f.vm.transcriptProperty().set(garbled);
    f.vm.draft();
    assertThat(f.vm.errorProperty().get()).isNotBlank().doesNotContain("@@@");
    assertThat(f.vm.sentences()).isEmpty();
    f.autosave.fire();
    assertThat(stored().transcript()).isEqualTo(garbled);
  }

  @Test
  void everyEditIsAutosavedAndTheFirstEditCreatesTheNote() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    assertThat(f.autosave.hasPending()).isFalse();
    f.vm.transcriptProperty().set("Patient: ringing in the left ear.");
    assertThat(f.autosave.hasPending()).isTrue();
    assertThat(f.vm.saveStateProperty().get()).isEqualTo(f.i18n.get("soap.save.unsaved"));
    f.autosave.fire();
    assertThat(f.vm.noteProperty().get()).isPresent();
    assertThat(f.vm.pastNotes()).hasSize(1);
    assertThat(stored().transcript()).isEqualTo("Patient: ringing in the left ear.");

    f.vm.draft();
    f.autosave.fire();
    SentenceItem first = f.vm.sentences().getFirst();
    first.textProperty().set("Reports left-sided tinnitus for two weeks.");
    f.autosave.fire();
    assertThat(stored().draft().sentences().getFirst().text())
        .isEqualTo("Reports left-sided tinnitus for two weeks.");
    assertThat(f.notes.count()).isEqualTo(1);
    assertThat(f.vm.hasUnsavedChanges()).isFalse();
  }

  @Test
  void leavingThePatientSavesPendingEditsFirst() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.transcriptProperty().set("Patient: both ears feel blocked.");
    f.vm.setPatient(Optional.of(f.other));
    assertThat(stored().transcript()).isEqualTo("Patient: both ears feel blocked.");
    assertThat(f.vm.transcriptProperty().get()).isEmpty();
    assertThat(f.vm.pastNotes()).isEmpty();
    f.vm.setPatient(Optional.of(f.patient));
    assertThat(f.vm.pastNotes()).hasSize(1);
  }

  @Test
  void aRequestedNoteOpensOnceThePatientsNotesAreLoadedAndAtOnceWhenTheyAre() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.transcriptProperty().set("Patient: ringing in the left ear.");
    f.autosave.fire();
    SoapNote note = f.vm.noteProperty().get().orElseThrow();
    String recordId = NoteSearch.recordId(note.id());

    // the request arrives while another patient is shown; the note opens when its patient loads
    f.vm.setPatient(Optional.of(f.other));
    assertThat(f.vm.noteProperty().get()).isEmpty();
    f.vm.openWhenLoaded(recordId);
    assertThat(f.vm.noteProperty().get()).isEmpty();
    f.vm.setPatient(Optional.of(f.patient));
    assertThat(f.vm.noteProperty().get().map(SoapNote::id)).contains(note.id());

    // with the notes already loaded, a request opens the note at once
    f.vm.setPatient(Optional.of(f.other));
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.newNote();
    assertThat(f.vm.noteProperty().get()).isEmpty();
    f.vm.openWhenLoaded(recordId);
    assertThat(f.vm.noteProperty().get().map(SoapNote::id)).contains(note.id());
    // an id of another kind opens nothing
    f.vm.newNote();
    f.vm.openWhenLoaded("document:" + note.id().value());
    assertThat(f.vm.noteProperty().get()).isEmpty();
  }

  @Test
  void undoAndRedoGroupKeystrokesPerSentenceAndCoverStructuralChanges() {
    fixture().drafted(NoteTemplate.GENERAL);
    SentenceItem first = f.vm.sentences().getFirst();
    String original = first.textProperty().get();
    int count = f.vm.sentences().size();
    first.textProperty().set(original + " A");
    first.textProperty().set(original + " AB");
    first.textProperty().set(original + " ABC");
    f.vm.endEditBurst();
    f.vm.addSentence(Section.PLAN);
    assertThat(f.vm.sentences()).hasSize(count + 1);

    f.vm.undo();
    assertThat(f.vm.sentences()).hasSize(count);
    assertThat(f.vm.sentences().getFirst().textProperty().get()).isEqualTo(original + " ABC");
    f.vm.undo();
    assertThat(f.vm.sentences().getFirst().textProperty().get()).isEqualTo(original);
    f.vm.undo();
    assertThat(f.vm.sentences()).as("before the draft").isEmpty();
    assertThat(f.vm.canUndoProperty().get()).isTrue(); // the pasted transcript
    f.vm.redo();
    f.vm.redo();
    assertThat(f.vm.sentences().getFirst().textProperty().get()).isEqualTo(original + " ABC");
    f.vm.redo();
    assertThat(f.vm.sentences()).hasSize(count + 1);
    assertThat(f.vm.canRedoProperty().get()).isFalse();

    f.vm.undo();
    f.vm.sentences().getFirst().textProperty().set("new branch");
    assertThat(f.vm.canRedoProperty().get()).as("a new edit clears redo").isFalse();
  }

  @Test
  void clickingASentenceHighlightsItsSourcesUntilTheTranscriptChanges() {
    fixture().drafted(NoteTemplate.HEARING);
    int withSources = -1;
    for (int i = 0; i < f.vm.sentences().size(); i++) {
      if (!f.vm.sentences().get(i).sources().isEmpty()) {
        withSources = i;
        break;
      }
    }
    assertThat(withSources).isNotNegative();
    f.vm.selectSentence(withSources);
    List<SourceSpan> spans = f.vm.sentences().get(withSources).sources();
    assertThat(f.vm.highlights()).containsExactlyElementsOf(spans);
    String quoted =
        SoapFixture.TRANSCRIPT.substring(spans.getFirst().start(), spans.getFirst().end());
    assertThat(quoted).isNotBlank();

    f.vm.transcriptProperty().set(f.vm.transcriptProperty().get() + "\nDoctor: One more thing.");
    assertThat(f.vm.spansStaleProperty().get()).isTrue();
    f.vm.selectSentence(withSources);
    assertThat(f.vm.highlights()).isEmpty();
    f.vm.selectSentence(-1);
    assertThat(f.vm.selectedSentenceProperty().get()).isEqualTo(-1);
  }

  @Test
  void verdictsAreShownPerSentenceAndClearedByAnEditUntilRechecked() {
    fixture().drafted(NoteTemplate.GENERAL);
    SentenceItem first = f.vm.sentences().getFirst();
    first.textProperty().set("The patient reports chest pain radiating to the jaw.");
    assertThat(first.checkProperty().get()).isEmpty();
    assertThat(f.vm.aiApprovedProperty().get()).isFalse();
    assertThat(f.revalidation.hasPending()).isTrue();
    f.revalidation.fire();
    Optional<SentenceCheck> check = first.checkProperty().get();
    assertThat(check).isPresent();
    assertThat(check.get().verdict()).isNotEqualTo(Verdict.SUPPORTED);
    assertThat(f.vm.validationSummaryProperty().get())
        .containsAnyOf("1 unsupported", "1 contradicted");
    assertThat(f.vm.aiApprovedProperty().get()).isFalse();
  }

  @Test
  void validationSummaryCountsVerdictsAndAiApprovalNeedsEveryCheckSupported() {
    var i18n = new org.meditwin.app.i18n.I18n(org.meditwin.app.i18n.Language.ENGLISH);
    List<SentenceCheck> checks =
        List.of(
            new SentenceCheck(0, Verdict.SUPPORTED, "ok"),
            new SentenceCheck(1, Verdict.UNSUPPORTED, "not stated"),
            new SentenceCheck(2, Verdict.CONTRADICTED, "laterality"));
    ValidationSummary s = ValidationSummary.of(checks, 3, 2);
    assertThat(s.problems()).isEqualTo(2);
    assertThat(s.aiApproved()).isFalse();
    assertThat(s.text(i18n))
        .isEqualTo("1 supported · 1 unsupported · 1 contradicted · 2 required fields missing");
    ValidationSummary partial =
        ValidationSummary.of(List.of(new SentenceCheck(0, Verdict.SUPPORTED, "ok")), 2, 0);
    assertThat(partial.aiApproved()).as("one sentence unchecked").isFalse();
    assertThat(partial.text(i18n)).endsWith("(1 not checked yet)");
    assertThat(
            ValidationSummary.of(List.of(new SentenceCheck(0, Verdict.SUPPORTED, "")), 1, 3)
                .aiApproved())
        .as("missing fields are listed, not part of the judge's flag")
        .isTrue();
    assertThat(ValidationSummary.of(List.of(), 0, 0).aiApproved()).isFalse();
  }

  @Test
  void missingFieldsAreListedWithTheirLabels() {
    fixture().drafted(NoteTemplate.HEARING);
    f.vm.applyChecks(List.of(), List.of("otoscopy", "followUp"));
    assertThat(f.vm.missingFields()).containsExactly("Otoscopy", "Follow-up");
  }

  @Test
  void approvalAsksForConfirmationThenLocksTheNoteAndRecordsTheApprover() {
    fixture().drafted(NoteTemplate.HEARING);
    f.dialogs.confirmations.push(false);
    f.vm.approve();
    assertThat(f.vm.editableProperty().get()).as("declined").isTrue();

    f.dialogs.confirmations.push(true);
    f.vm.approve();
    assertThat(f.vm.editableProperty().get()).isFalse();
    SoapNote note = stored();
    assertThat(note.status()).isEqualTo(NoteStatus.APPROVED);
    assertThat(note.approval().orElseThrow().approverName()).isEqualTo("Dr Anna Reyes");
    assertThat(note.draft().sentences()).hasSize(f.vm.sentences().size());
    assertThat(f.vm.saveStateProperty().get()).startsWith("Approved by Dr Anna Reyes");

    String before = f.vm.sentences().getFirst().textProperty().get();
    f.vm.sentences().getFirst().textProperty().set("sneaky change");
    f.vm.undo();
    f.vm.addSentence(Section.PLAN);
    f.vm.importWav(dir.resolve("x.wav"));
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.error.locked"));
    f.autosave.fire();
    assertThat(stored().draft().sentences().getFirst().text()).isEqualTo(before);
    assertThat(stored().revision()).isEqualTo(note.revision());
  }

  @Test
  void amendmentsNeedAReasonAndKeepTheApprovedOriginal() {
    fixture().drafted(NoteTemplate.GENERAL);
    f.dialogs.confirmations.push(true);
    f.vm.approve();
    String original = stored().draft().sentences().getFirst().text();

    f.vm.startAmendment();
    assertThat(f.vm.editableProperty().get()).isTrue();
    f.vm.sentences().getFirst().textProperty().set("Corrected: right ear, not left.");
    f.autosave.fire();
    assertThat(stored().amendments()).as("amendments are not autosaved drafts").isEmpty();
    f.dialogs.texts.push(Optional.of("  "));
    f.vm.saveAmendment();
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.amend.reasonRequired"));
    f.dialogs.texts.push(Optional.of("Laterality corrected"));
    f.vm.saveAmendment();

    SoapNote note = stored();
    assertThat(note.amendments()).hasSize(1);
    assertThat(note.amendments().getFirst().reason()).isEqualTo("Laterality corrected");
    assertThat(note.draft().sentences().getFirst().text())
        .isEqualTo("Corrected: right ear, not left.");
    assertThat(note.approval().orElseThrow().content().sentences().getFirst().text())
        .isEqualTo(original);
    assertThat(f.vm.editableProperty().get()).isFalse();
    assertThat(f.vm.amendingProperty().get()).isFalse();
  }

  @Test
  void exportSavesFirstAndWritesAPdf() throws IOException {
    fixture().drafted(NoteTemplate.HEARING);
    Path target = dir.resolve("note.pdf");
    f.dialogs.files.push(Optional.of(target));
    f.vm.exportPdf();
    assertThat(f.vm.errorProperty().get()).isEmpty();
    assertThat(Files.readString(target, java.nio.charset.StandardCharsets.ISO_8859_1))
        .startsWith("%PDF");
    assertThat(f.vm.statusProperty().get()).contains("note.pdf");
  }

  @Test
  void discardingADraftDeletesIt() {
    fixture().drafted(NoteTemplate.GENERAL);
    f.autosave.fire();
    assertThat(f.notes.count()).isEqualTo(1);
    f.dialogs.confirmations.push(true);
    f.vm.discardDraft();
    assertThat(f.notes.count()).isZero();
    assertThat(f.vm.pastNotes()).isEmpty();
    assertThat(f.vm.sentences()).isEmpty();
  }

  @Test
  void audiogramCellsBuildTheAudiogramAndRejectOutOfRangeValues() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.templateProperty().set(NoteTemplate.HEARING);
    f.vm.audiogramCell("leftAir", "4000").set("55");
    f.vm.audiogramCell("rightBone", "1000").set("15");
    assertThat(f.vm.audiogramProperty().get().orElseThrow().leftAir()).containsEntry("4000", 55);
    f.vm.audiogramCell("leftAir", "8000").set("200");
    assertThat(f.vm.audiogramErrorProperty().get()).contains("8000");
    f.autosave.fire();
    assertThat(stored().draft().audiogram().orElseThrow().rightBone()).containsEntry("1000", 15);
  }

  @Test
  void capturedSpeechShowsPartialTextAndIsAppendedToTheTranscript() {
    f =
        new SoapFixture(
            dir.resolve("data"), new ScriptedCapture(List.of("ringing in", "the left ear")));
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.transcriptProperty().set("Typed first.");
    f.vm.importWav(dir.resolve("visit.wav"));
    assertThat(f.vm.transcriptProperty().get())
        .isEqualTo("Typed first.\n\nringing in the left ear");
    assertThat(f.vm.statusProperty().get()).isEqualTo(f.i18n.get("soap.capture.done"));
    assertThat(f.vm.capturingProperty().get()).isFalse();
    f.vm.undo();
    assertThat(f.vm.transcriptProperty().get()).isEqualTo("Typed first.");
  }

  @Test
  void silentCorruptAndUnsupportedAudioAndAMissingMicrophoneGetClearMessages() throws IOException {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    org.meditwin.dictation.AudioClip silence =
        new org.meditwin.dictation.AudioClip(new short[16_000 * 2]);
    Path silent =
        Files.write(dir.resolve("silent.wav"), org.meditwin.dictation.WavFiles.encode(silence));
    f.vm.importWav(silent);
    assertThat(f.vm.errorProperty().get()).isEqualTo(f.i18n.get("soap.capture.noSpeech"));

    Path corrupt =
        Files.write(dir.resolve("corrupt.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
    f.vm.importWav(corrupt);
    assertThat(f.vm.errorProperty().get())
        .isNotBlank()
        .isNotEqualTo(f.i18n.get("error.unexpected"));

    Path mp3 = Files.write(dir.resolve("visit.wav"), "ID3\u0004\u0000not a wave".getBytes());
    f.vm.importWav(mp3);
    assertThat(f.vm.errorProperty().get())
        .isNotBlank()
        .isNotEqualTo(f.i18n.get("error.unexpected"));

    f.vm.dictate();
    assertThat(f.vm.errorProperty().get()).containsIgnoringCase("microphone");
    assertThat(f.vm.transcriptProperty().get()).isEmpty();
    assertThat(f.vm.capturingProperty().get()).isFalse();
  }

  @Test
  void importedTextDocumentsBecomeTheTranscriptAndBadOnesAreExplained() throws IOException {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    Path txt = Files.writeString(dir.resolve("visit.txt"), SoapFixture.TRANSCRIPT);
    f.vm.importDocument(txt);
    assertThat(f.vm.transcriptProperty().get()).isEqualTo(SoapFixture.TRANSCRIPT);
    f.vm.importDocument(Files.writeString(dir.resolve("visit.docx"), "x"));
    assertThat(f.vm.errorProperty().get()).contains("Only text");
  }

  @Test
  void stoppingACaptureKeepsTheTextRecognisedSoFar() {
    ScriptedCapture capture = new ScriptedCapture(List.of("left ear", "ringing", "two weeks"));
    f = new SoapFixture(dir.resolve("data"), capture);
    List<String> partials = new java.util.ArrayList<>();
    f.vm.partialTextProperty().addListener((o, a, b) -> partials.add(b));
    capture.afterFirst = f.vm::stopCapture;
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.dictate();
    assertThat(partials).contains("left ear");
    assertThat(f.vm.transcriptProperty().get()).isEqualTo("left ear");
    assertThat(f.vm.statusProperty().get()).isEqualTo(f.i18n.get("soap.capture.stopped"));
  }

  @Test
  void aSpokenWavIsTranscribedWithLivePartialText() throws IOException {
    org.junit.jupiter.api.Assertions.assertTrue(
        org.meditwin.dictation.eval.SpeechSynthesizer.available(),
        "flite is needed to speak the test dictation: apt-get install flite");
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    org.meditwin.dictation.AudioClip speech =
        new org.meditwin.dictation.eval.SpeechSynthesizer("slt")
            .speak(
                "The patient reports ringing in the left ear. "
                    + "Hearing aids were recommended. Follow up in six weeks.");
    Path wav =
        Files.write(dir.resolve("dictation.wav"), org.meditwin.dictation.WavFiles.encode(speech));
    List<String> partials = new java.util.ArrayList<>();
    List<Double> progress = new java.util.ArrayList<>();
    f.vm.partialTextProperty().addListener((o, a, b) -> partials.add(b));
    f.vm.captureProgressProperty().addListener((o, a, b) -> progress.add(b.doubleValue()));
    f.vm.importWav(wav);
    assertThat(f.vm.errorProperty().get()).isEmpty();
    assertThat(partials)
        .as("live text while recognising")
        .anySatisfy(p -> assertThat(p).isNotBlank());
    assertThat(progress).contains(1.0);
    assertThat(f.vm.transcriptProperty().get().toLowerCase(java.util.Locale.ROOT))
        .containsAnyOf("ear", "ringing", "hearing", "weeks");
    f.autosave.fire();
    assertThat(stored().transcript()).isEqualTo(f.vm.transcriptProperty().get());
  }

  @Test
  void startingAVisitSelectsItAndANewNoteDocumentsIt() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.startVisit("Tinnitus review");
    assertThat(f.vm.visits()).hasSize(1);
    assertThat(f.vm.visitProperty().get().reason()).isEqualTo("Tinnitus review");
    f.vm.transcriptProperty().set("Patient: the ringing is better.");
    f.autosave.fire();
    assertThat(stored().visitId()).contains(f.vm.visits().getFirst().id().value());
    assertThat(f.vm.noteText()).isEmpty();
  }

  @Test
  void onlyAlertsTheEditorDoesNotShowElsewhereAreListed() {
    assertThat(
            SoapViewModel.alerts(
                List.of(
                    "unsupported: subjective sentence 2 — not stated",
                    "contradicted: plan sentence 1 — laterality",
                    "missing field: Otoscopy",
                    "red flag (URGENT): Sudden hearing loss — see ENT within 24-48 hours")))
        .containsExactly("red flag (URGENT): Sudden hearing loss — see ENT within 24-48 hours");
  }

  @Test
  void anEditWhileTheSessionIsLockedIsSavedAfterUnlocking() {
    fixture();
    f.vm.setPatient(Optional.of(f.patient));
    f.vm.transcriptProperty().set("Patient: first words.");
    f.autosave.fire();
    f.session.lock();
    f.vm.transcriptProperty().set("Patient: typed while the screen locked.");
    f.autosave.fire();
    assertThat(f.vm.saveStateProperty().get()).isEqualTo(f.i18n.get("soap.save.failed"));
    assertThat(f.vm.hasUnsavedChanges()).isTrue();
    assertThat(f.autosave.hasPending()).as("retried").isTrue();
    f.session.unlock("anna-password-1".toCharArray());
    f.autosave.fire();
    assertThat(stored().transcript()).isEqualTo("Patient: typed while the screen locked.");
    assertThat(f.vm.hasUnsavedChanges()).isFalse();
  }
}
