package org.meditwin.chatlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

class ChatLogTest {
  @TempDir Path dir;

  private static AnswerRecord answer() {
    return new AnswerRecord(
        List.of(
            new AnswerRecord.Cited(
                "kb:0000001-1",
                "What is (are) Asthma ?",
                "MPlusHealthTopics",
                Optional.of("https://medlineplus.gov/asthma.html"),
                "kb"),
            new AnswerRecord.Cited(
                "note:42", "Visit note", "patient record", Optional.empty(), "patient")),
        List.of("general physician", "cardiology"),
        List.of(
            new AnswerRecord.Flag(
                "acs-chest-pain",
                "Chest pain with warning signs",
                "EMERGENCY",
                List.of("Call emergency services", "Do not drive yourself"))),
        List.of(new AnswerRecord.Tool("bmi", Map.of("weightKg", "80", "heightCm", "180"), "24.7")),
        OptionalDouble.of(0.62),
        "Not a diagnosis.",
        "en",
        false,
        true);
  }

  @Test
  void sessionsAndMessagesRoundTripWithTheirAnswerMetadata() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      Patient p = Fixture.patient(s);
      ChatLog log = ChatLog.of(s);
      ChatSessionInfo created =
          log.create(
              "  Wheezing\n at night  ",
              Optional.of(p.id().value()),
              Optional.of(new ChatContext("Audiogram 2025", "PTA 45 dB HL right ear")));
      assertThat(created.title()).isEqualTo("Wheezing at night");
      log.append(created.id(), Speaker.USER, "Is this asthma?", Optional.empty());
      log.append(created.id(), Speaker.ASSISTANT, "Possibly [1].", Optional.of(answer()));

      ChatTranscript t = log.open(created.id()).orElseThrow();
      assertThat(t.session().patientId()).contains(p.id().value());
      assertThat(t.session().context().orElseThrow().text()).isEqualTo("PTA 45 dB HL right ear");
      assertThat(t.session().messageCount()).isEqualTo(2);
      assertThat(t.messages()).extracting(LoggedMessage::seq).containsExactly(1, 2);
      assertThat(t.messages())
          .extracting(LoggedMessage::speaker)
          .containsExactly(Speaker.USER, Speaker.ASSISTANT);
      assertThat(t.messages().get(0).answer()).isEmpty();
      assertThat(t.messages().get(1).answer()).contains(answer());
      assertThat(t.messages().get(1).answer().orElseThrow().tools().getFirst().inputs())
          .containsEntry("weightKg", "80");
    }
  }

  @Test
  void historySurvivesSigningOutAndReopeningTheWorkstation() {
    String id;
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      ChatLog log = ChatLog.of(s);
      id = log.create("Tinnitus", Optional.empty(), Optional.empty()).id();
      log.append(id, Speaker.USER, "Ringing after a concert", Optional.empty());
    }
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = ws.login(Fixture.ADMIN, Fixture.ADMIN_PASSWORD.clone())) {
      ChatTranscript t = ChatLog.of(s).open(id).orElseThrow();
      assertThat(t.messages())
          .extracting(LoggedMessage::text)
          .containsExactly("Ringing after a concert");
    }
  }

  @Test
  void listIsNewestFirstAndRenameAndDeleteWork() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      ChatLog log = ChatLog.of(s);
      ChatSessionInfo a = log.create("First", Optional.empty(), Optional.empty());
      ChatSessionInfo b = log.create("Second", Optional.empty(), Optional.empty());
      log.append(a.id(), Speaker.USER, "bump the first", Optional.empty());
      assertThat(log.sessions())
          .extracting(ChatSessionInfo::title)
          .containsExactly("First", "Second");
      assertThat(log.rename(b.id(), "Renamed").title()).isEqualTo("Renamed");
      assertThat(log.rename(b.id(), "   ").title()).isEqualTo("New chat");
      log.delete(a.id());
      assertThat(log.sessions()).extracting(ChatSessionInfo::id).containsExactly(b.id());
      assertThat(log.open(a.id())).isEmpty();
      assertThat(log.count()).isEqualTo(1);
    }
  }

  @Test
  void usersSeeAndChangeOnlyTheirOwnSessions() {
    try (EmbeddedWorkstation ws = Fixture.open(dir)) {
      String adminSession;
      try (UserSession admin = Fixture.initialise(ws)) {
        adminSession =
            ChatLog.of(admin).create("Admin's chat", Optional.empty(), Optional.empty()).id();
      }
      try (UserSession bea = Fixture.clinician(ws)) {
        ChatLog log = ChatLog.of(bea);
        assertThat(log.sessions()).isEmpty();
        assertThat(log.open(adminSession)).isEmpty();
        assertThatThrownBy(() -> log.append(adminSession, Speaker.USER, "hi", Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> log.delete(adminSession))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.rename(adminSession, "mine"))
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void rejectsEmptyAndHugeMessagesWithAClearMessage() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      ChatLog log = ChatLog.of(s);
      String id = log.create("x", Optional.empty(), Optional.empty()).id();
      assertThatThrownBy(() -> log.append(id, Speaker.USER, "  \n ", Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      String huge = "a".repeat(ChatLog.MAX_MESSAGE + 1);
      assertThatThrownBy(() -> log.append(id, Speaker.USER, huge, Optional.empty()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long");
      assertThat(log.open(id).orElseThrow().messages()).isEmpty();
      assertThat(log.create("y".repeat(500), Optional.empty(), Optional.empty()).title())
          .hasSize(ChatLog.MAX_TITLE)
          .endsWith("…");
    }
  }

  @Test
  void everyReadAndWriteIsAuditedWithOpaqueIdsOnly() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      ChatLog log = ChatLog.of(s);
      String secret = "Zebulon Quixotefeld coughs";
      ChatSessionInfo c = log.create(secret, Optional.empty(), Optional.empty());
      LoggedMessage m = log.append(c.id(), Speaker.USER, secret, Optional.empty());
      log.open(c.id());
      log.rename(c.id(), secret + " again");
      log.delete(c.id());
      List<AuditEvent> all = Fixture.audit(s, AuditAction.PHI_CREATE);
      assertThat(all).extracting(AuditEvent::targetId).contains(c.id(), m.id());
      assertThat(Fixture.audit(s, AuditAction.PHI_READ))
          .extracting(AuditEvent::targetId)
          .contains(c.id());
      assertThat(Fixture.audit(s, AuditAction.PHI_UPDATE))
          .extracting(AuditEvent::targetId)
          .contains(c.id());
      assertThat(Fixture.audit(s, AuditAction.PHI_DELETE))
          .extracting(AuditEvent::detail)
          .contains("messages=1");
      assertThat(s.audit().find(org.meditwin.core.service.AuditLog.Filter.all(), 1000))
          .allSatisfy(
              e -> {
                assertThat(e.detail()).doesNotContain("Zebulon");
                assertThat(e.targetId()).doesNotContain("Zebulon");
              });
      assertThat(s.audit().verify().ok()).isTrue();
    }
  }

  @Test
  void deletingThePatientUnlinksTheSessionButKeepsTheHistory() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      Patient p = Fixture.patient(s);
      ChatLog log = ChatLog.of(s);
      String id = log.create("About him", Optional.of(p.id().value()), Optional.empty()).id();
      log.append(id, Speaker.USER, "question", Optional.empty());
      s.patients().delete(p.id());
      ChatTranscript t = log.open(id).orElseThrow();
      assertThat(t.session().patientId()).isEmpty();
      assertThat(t.messages()).hasSize(1);
      assertThat(log.linkPatient(id, Optional.empty()).patientId()).isEmpty();
    }
  }

  @Test
  void messageTextIsNeverPlaintextOnDisk() throws Exception {
    String marker = "Xylophagous-Tinnitus-Marker-7781";
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      ChatLog log = ChatLog.of(s);
      String id = log.create(marker, Optional.empty(), Optional.empty()).id();
      for (int i = 0; i < 50; i++) {
        log.append(id, Speaker.USER, marker + " question " + i, Optional.empty());
      }
    }
    assertThat(Fixture.filesContaining(dir, marker)).isEmpty();
  }
}
