package org.meditwin.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.common.PaneContext;
import org.meditwin.chatlog.AnswerRecord;
import org.meditwin.chatlog.ChatLog;
import org.meditwin.chatlog.ChatTranscript;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.EscalationStatus;
import org.meditwin.chatlog.LoggedMessage;
import org.meditwin.chatlog.Speaker;
import org.meditwin.chatlog.Urgency;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;

/**
 * The chat view model over a real engine, knowledge base and encrypted store: nothing here is a
 * scripted answer.
 */
class ChatViewModelTest {
  @TempDir Path dir;

  private static final String QUESTION = "What causes wheezing and shortness of breath in asthma?";

  private static ChatViewModel ready(ChatTestKit kit) {
    kit.vm.refreshEngine();
    assertThat(kit.vm.engineStateProperty().get()).isEqualTo(ChatViewModel.EngineState.READY);
    return kit.vm;
  }

  @Test
  void theAnswerStreamsInPiecesThenCarriesCitationsSpecialistsConfidenceAndDisclaimer()
      throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      assertThat(vm.engineNoticeProperty().get()).isEqualTo(kit.i18n.get("chat.engine.extractive"));
      List<String> seen = new ArrayList<>();
      vm.messages()
          .addListener(
              (javafx.collections.ListChangeListener<MessageItem>)
                  c -> {
                    while (c.next()) {
                      for (MessageItem m : c.getAddedSubList()) {
                        if (!m.fromUser()) {
                          m.textProperty().addListener((o, a, b) -> seen.add(b));
                        }
                      }
                    }
                  });
      vm.inputProperty().set(QUESTION);
      vm.send().get();

      assertThat(vm.inputProperty().get()).isEmpty();
      assertThat(vm.messages()).hasSize(2);
      MessageItem answer = vm.messages().get(1);
      assertThat(answer.streamingProperty().get()).isFalse();
      assertThat(answer.text()).isNotBlank();
      assertThat(seen).as("text grew piece by piece").hasSizeGreaterThan(2);
      for (int i = 1; i < seen.size() - 1; i++) {
        assertThat(seen.get(i)).startsWith(seen.get(i - 1));
      }
      assertThat(answer.citations()).isNotEmpty();
      assertThat(answer.citations().getFirst().title()).contains("Asthma");
      assertThat(answer.citations().getFirst().url()).isPresent();
      assertThat(answer.specialists()).isNotEmpty();
      assertThat(answer.confidenceProperty().get()).isPresent();
      assertThat(answer.disclaimerProperty().get()).isNotBlank();
      assertThat(vm.answeringProperty().get()).isFalse();
      assertThat(vm.copyText(answer))
          .contains("[1] ")
          .contains(answer.citations().getFirst().title());

      // persisted: the session, the question and the answer with its metadata
      assertThat(vm.sessions()).hasSize(1);
      ChatTranscript t = ChatLog.of(kit.session).open(vm.sessions().getFirst().id()).orElseThrow();
      assertThat(t.session().title()).isEqualTo(QUESTION);
      assertThat(t.messages())
          .extracting(LoggedMessage::speaker)
          .containsExactly(Speaker.USER, Speaker.ASSISTANT);
      assertThat(t.messages().get(1).text()).isEqualTo(answer.text());
      assertThat(t.messages().get(1).answer().orElseThrow().citations())
          .isEqualTo(List.copyOf(answer.citations()));
    }
  }

  @Test
  void aFollowUpGoesToTheSameSessionWithTheEarlierTurns() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      vm.inputProperty().set("How can type 2 diabetes be prevented?");
      vm.send().get();
      assertThat(vm.sessions()).hasSize(1);
      assertThat(vm.messages()).hasSize(4);
      assertThat(vm.messages().get(3).citations())
          .extracting(AnswerRecord.Cited::title)
          .anyMatch(title -> title.contains("Diabetes"));
      assertThat(vm.sessions().getFirst().messageCount()).isEqualTo(4);
    }
  }

  @Test
  void stopKeepsWhatArrivedMarksTheAnswerStoppedAndSavesIt() throws Exception {
    ChatViewModel[] holder = new ChatViewModel[1];
    // the user presses Stop right after the first batch of text reaches the screen
    Consumer<Runnable> fx =
        r -> {
          r.run();
          ChatViewModel vm = holder[0];
          if (vm != null
              && vm.answeringProperty().get()
              && vm.messages().size() >= 2
              && !vm.messages().getLast().text().isEmpty()) {
            vm.stop();
          }
        };
    try (ChatTestKit kit = new ChatTestKit(dir, fx)) {
      holder[0] = kit.vm;
      ChatViewModel vm = ready(kit);
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      MessageItem answer = vm.messages().get(1);
      assertThat(answer.stoppedProperty().get()).isTrue();
      assertThat(answer.streamingProperty().get()).isFalse();
      assertThat(vm.answeringProperty().get()).isFalse();
      String partial = answer.text();
      assertThat(partial).isNotEmpty();
      assertThat(vm.statusProperty().get()).isEqualTo(kit.i18n.get("chat.stopped"));

      // the full answer is longer: the same question without stopping
      holder[0] = null;
      vm.newSession();
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      assertThat(vm.messages().get(1).text().length()).isGreaterThan(partial.length());

      ChatTranscript stopped =
          ChatLog.of(kit.session).open(vm.sessions().getLast().id()).orElseThrow();
      LoggedMessage saved = stopped.messages().get(1);
      assertThat(saved.text()).isEqualTo(partial);
      assertThat(saved.answer().orElseThrow().stopped()).isTrue();
    }
  }

  @Test
  void reopeningASessionRestoresItsAnswersWithCitationsAndSpecialists() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      List<AnswerRecord.Cited> citations = List.copyOf(vm.messages().get(1).citations());
      String text = vm.messages().get(1).text();
      vm.newSession();
      assertThat(vm.messages()).isEmpty();
      assertThat(vm.currentSessionProperty().get()).isEmpty();

      vm.open(vm.sessions().getFirst()).get();
      assertThat(vm.messages()).hasSize(2);
      assertThat(vm.messages().get(0).text()).isEqualTo(QUESTION);
      assertThat(vm.messages().get(1).text()).isEqualTo(text);
      assertThat(vm.messages().get(1).citations()).containsExactlyElementsOf(citations);
      assertThat(vm.messages().get(1).specialists()).isNotEmpty();
      assertThat(vm.messages().get(1).disclaimerProperty().get()).isNotBlank();

      vm.rename(vm.sessions().getFirst(), "Asthma questions");
      assertThat(vm.sessions().getFirst().title()).isEqualTo("Asthma questions");
      vm.delete(vm.sessions().getFirst());
      assertThat(vm.sessions()).isEmpty();
      assertThat(vm.messages()).isEmpty();
    }
  }

  @Test
  void aRedFlagShowsTheEmergencyBannerAndEscalationPutsThePrefilledCaseInTheQueue()
      throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      String message =
          "I have crushing chest pain spreading to my left arm and I am sweating and short of"
              + " breath";
      vm.inputProperty().set(message);
      vm.send().get();
      assertThat(vm.banner()).isNotEmpty();
      assertThat(vm.bannerIsEmergency()).isTrue();
      assertThat(vm.banner().getFirst().nextSteps()).isNotEmpty();
      assertThat(vm.messages().get(1).redFlags()).isNotEmpty();

      vm.openEscalationForm();
      assertThat(vm.escalationFormOpenProperty().get()).isTrue();
      assertThat(vm.escalationUrgencyProperty().get()).isEqualTo(Urgency.EMERGENCY);
      assertThat(vm.escalationSummaryProperty().get())
          .contains(vm.banner().getFirst().name())
          .contains(message);
      Escalation e = vm.submitEscalation().get();
      assertThat(vm.escalationFormOpenProperty().get()).isFalse();
      assertThat(e.urgency()).isEqualTo(Urgency.EMERGENCY);
      assertThat(e.redFlags())
          .containsExactlyElementsOf(vm.banner().stream().map(AnswerRecord.Flag::id).toList());
      assertThat(e.chatSessionId()).contains(vm.currentSessionProperty().get().orElseThrow().id());
      assertThat(vm.statusProperty().get()).contains(e.reference());

      assertThat(kit.escalations.cases()).extracting(Escalation::id).containsExactly(e.id());
      assertThat(kit.escalations.openCountProperty().get()).isEqualTo(1);
      kit.escalations.pickUp(e);
      assertThat(EscalationQueue.of(kit.session).find(e.id()).orElseThrow().status())
          .isEqualTo(EscalationStatus.PICKED_UP);
      kit.escalations.close(kit.escalations.cases().getFirst(), "Ambulance called");
      assertThat(kit.escalations.cases()).isEmpty();
      kit.escalations.showClosedProperty().set(true);
      assertThat(kit.escalations.cases())
          .extracting(Escalation::status)
          .containsExactly(EscalationStatus.CLOSED);

      vm.dismissBanner();
      assertThat(vm.banner()).isEmpty();
    }
  }

  @Test
  void anOrdinaryQuestionShowsNoBannerAndManualEscalationIsRoutine() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      vm.inputProperty().set("How can type 2 diabetes be prevented?");
      vm.send().get();
      assertThat(vm.banner()).isEmpty();
      vm.openEscalationForm();
      assertThat(vm.escalationUrgencyProperty().get()).isEqualTo(Urgency.ROUTINE);
      vm.escalationSummaryProperty().set("  ");
      assertThat(vm.submitEscalation()).isCompletedExceptionally();
      assertThat(vm.statusProperty().get()).isEqualTo(kit.i18n.get("chat.escalation.emptySummary"));
      assertThat(EscalationQueue.of(kit.session).list(Set.of())).isEmpty();
    }
  }

  @Test
  void emptyAndHugeMessagesAreRefusedWithAClearMessage() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      ChatViewModel vm = ready(kit);
      vm.inputProperty().set("   ");
      vm.send().get();
      assertThat(vm.statusProperty().get()).isEqualTo(kit.i18n.get("chat.error.empty"));
      vm.inputProperty().set("x".repeat(ChatLog.MAX_MESSAGE + 1));
      vm.send().get();
      assertThat(vm.statusProperty().get()).contains("100");
      assertThat(vm.inputProperty().get())
          .as("nothing typed is lost")
          .hasSize(ChatLog.MAX_MESSAGE + 1);
      assertThat(vm.messages()).isEmpty();
      assertThat(vm.sessions()).isEmpty();
    }
  }

  @Test
  void theEngineWaitsForTheKnowledgeBaseAndSaysSo() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      KnowledgeIndex.State[] state = {KnowledgeIndex.State.LOADING};
      KnowledgeIndex gated =
          new KnowledgeIndex() {
            @Override
            public State state() {
              return state[0];
            }

            @Override
            public boolean semantic() {
              return false;
            }

            @Override
            public SearchResult search(SearchRequest request) throws java.io.IOException {
              return kit.knowledge.search(request);
            }
          };
      ChatViewModel vm =
          new ChatViewModel(
              kit.session,
              ChatLog.of(kit.session),
              kit.escalations,
              org.meditwin.core.task.TaskExecutor.sameThread(),
              Runnable::run,
              kit.i18n,
              kit.errors,
              () -> Optional.of(gated),
              ChatEngineLoader.knowledgeOnly());
      vm.refreshEngine();
      assertThat(vm.engineStateProperty().get())
          .isEqualTo(ChatViewModel.EngineState.WAITING_FOR_KNOWLEDGE);
      assertThat(vm.engineNoticeProperty().get())
          .isEqualTo(kit.i18n.get("chat.engine.waitingForKnowledge"));
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      assertThat(vm.messages()).isEmpty();
      assertThat(vm.inputProperty().get()).isEqualTo(QUESTION);

      state[0] = KnowledgeIndex.State.READY;
      vm.refreshEngine();
      assertThat(vm.engineStateProperty().get()).isEqualTo(ChatViewModel.EngineState.READY);
      assertThat(vm.engineNoticeProperty().get()).contains("extractive");
      vm.send().get();
      assertThat(vm.messages()).hasSize(2);
    }
  }

  @Test
  void theCurrentPatientIsTheContextUntilRemovedAndIsLinkedToTheSession() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      Patient p =
          kit.session
              .patients()
              .create(
                  new PatientInput(
                      "MRN-77",
                      "Ada",
                      "Lovelace",
                      Optional.of(LocalDate.of(1970, 1, 1)),
                      Sex.FEMALE,
                      "",
                      "",
                      "",
                      ""));
      SimpleObjectProperty<Optional<Patient>> current =
          new SimpleObjectProperty<>(Optional.empty());
      SimpleObjectProperty<Optional<PaneContext.ChatHandoff>> handoff =
          new SimpleObjectProperty<>(Optional.empty());
      ChatViewModel vm = ready(kit);
      vm.bind(current, handoff);
      assertThat(vm.patientProperty().get()).isEmpty();
      current.set(Optional.of(p));
      assertThat(vm.patientProperty().get()).contains(p);
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      assertThat(vm.currentSessionProperty().get().orElseThrow().patientId())
          .contains(p.id().value());
      vm.removePatient();
      assertThat(vm.patientProperty().get()).isEmpty();
      assertThat(vm.currentSessionProperty().get().orElseThrow().patientId()).isEmpty();
    }
  }

  @Test
  void aHandoffStartsANewSessionWithItsContextStored() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      SimpleObjectProperty<Optional<Patient>> current =
          new SimpleObjectProperty<>(Optional.empty());
      SimpleObjectProperty<Optional<PaneContext.ChatHandoff>> handoff =
          new SimpleObjectProperty<>(Optional.empty());
      ChatViewModel vm = ready(kit);
      vm.bind(current, handoff);
      vm.inputProperty().set(QUESTION);
      vm.send().get();
      handoff.set(
          Optional.of(
              new PaneContext.ChatHandoff(
                  "Chest X-ray report", "Hyperinflated lungs, no consolidation.")));
      assertThat(handoff.get()).as("consumed").isEmpty();
      assertThat(vm.messages()).isEmpty();
      assertThat(vm.contextProperty().get().orElseThrow().title()).isEqualTo("Chest X-ray report");
      vm.inputProperty().set("Does this fit asthma?");
      vm.send().get();
      assertThat(vm.sessions()).hasSize(2);
      assertThat(vm.currentSessionProperty().get().orElseThrow().context().orElseThrow().text())
          .isEqualTo("Hyperinflated lungs, no consolidation.");
      assertThat(vm.contextProperty().get()).isEmpty();
    }
  }

  @Test
  void patientRecordCitationsOpenTheirPane() {
    assertThat(
            ChatViewModel.paneFor(
                new AnswerRecord.Cited("note:1", "Visit", "NOTE", Optional.empty(), "patient")))
        .isEqualTo(PaneContext.Pane.SOAP);
    assertThat(
            ChatViewModel.paneFor(
                new AnswerRecord.Cited(
                    "doc:9", "Referral", "DOCUMENT", Optional.empty(), "patient")))
        .isEqualTo(PaneContext.Pane.DOCUMENTS);
    assertThat(
            ChatViewModel.paneFor(
                new AnswerRecord.Cited(
                    "imaging:3", "CT head", "IMAGING_REPORT", Optional.empty(), "patient")))
        .isEqualTo(PaneContext.Pane.IMAGING);
    assertThat(
            ChatViewModel.paneFor(
                new AnswerRecord.Cited(
                    "event:5", "Audiogram", "TIMELINE_EVENT", Optional.empty(), "patient")))
        .isEqualTo(PaneContext.Pane.TIMELINE);
  }

  @Test
  void withAPatientTheTimelineToolAnswersFromTheirRecordAndShowsItsInputs() throws Exception {
    try (ChatTestKit kit = new ChatTestKit(dir)) {
      Patient p =
          kit.session
              .patients()
              .create(
                  new PatientInput(
                      "MRN-88", "Ben", "Okafor", Optional.empty(), Sex.MALE, "", "", "", ""));
      org.meditwin.record.TimelineService.of(kit.session)
          .add(
              new org.meditwin.record.ClinicalEvent(
                  "",
                  p.id().value(),
                  org.meditwin.record.EventType.PROCEDURE,
                  "Pure-tone audiogram",
                  Optional.empty(),
                  LocalDate.of(2025, 10, 1),
                  Optional.empty(),
                  Optional.of("ear"),
                  org.meditwin.record.Laterality.BILATERAL,
                  Optional.empty(),
                  org.meditwin.record.EventStatus.ACTIVE,
                  java.util.OptionalDouble.empty(),
                  Optional.empty(),
                  org.meditwin.record.Provenance.manual()));
      SimpleObjectProperty<Optional<Patient>> current = new SimpleObjectProperty<>(Optional.of(p));
      ChatViewModel vm = ready(kit);
      vm.bind(current, new SimpleObjectProperty<>(Optional.empty()));
      vm.inputProperty().set("When was the last audiogram?");
      vm.send().get();
      MessageItem answer = vm.messages().get(1);
      assertThat(answer.tools()).isNotEmpty();
      AnswerRecord.Tool tool = answer.tools().getFirst();
      assertThat(tool.inputs()).isNotEmpty();
      assertThat(tool.result()).contains("2025");
      assertThat(answer.text()).contains("2025");
    }
  }
}
