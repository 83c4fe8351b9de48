package org.meditwin.chatlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

class EscalationQueueTest {
  @TempDir Path dir;

  private static EscalationRequest request(String summary, Urgency urgency) {
    return new EscalationRequest(
        summary, urgency, Optional.empty(), Optional.empty(), List.of("acs-chest-pain"));
  }

  @Test
  void aCaseGoesFromOpenToPickedUpToClosedRecordingWhoAndWhen() {
    try (EmbeddedWorkstation ws = Fixture.open(dir)) {
      String id;
      try (UserSession admin = Fixture.initialise(ws)) {
        Patient p = Fixture.patient(admin);
        Escalation e =
            EscalationQueue.of(admin)
                .create(
                    new EscalationRequest(
                        "Chest pain radiating to the left arm, sweating",
                        Urgency.EMERGENCY,
                        Optional.of(p.id().value()),
                        Optional.empty(),
                        List.of("acs-chest-pain")));
        id = e.id();
        assertThat(e.status()).isEqualTo(EscalationStatus.OPEN);
        assertThat(e.createdBy().username()).isEqualTo(Fixture.ADMIN);
        assertThat(e.createdBy().displayName()).isEqualTo("Ada Admin");
        assertThat(e.pickedUpBy()).isEmpty();
        assertThat(e.delivery().status()).isEqualTo(DeliveryStatus.NOT_CONFIGURED);
        assertThat(e.reference()).matches("E-[0-9A-F]{8}");
        assertThat(e.patientId()).contains(p.id().value());
      }
      try (UserSession bea = Fixture.clinician(ws)) {
        EscalationQueue q = EscalationQueue.of(bea);
        assertThat(q.openCount()).isEqualTo(1);
        Escalation picked = q.pickUp(id);
        assertThat(picked.status()).isEqualTo(EscalationStatus.PICKED_UP);
        assertThat(picked.pickedUpBy().orElseThrow().username()).isEqualTo(Fixture.CLINICIAN);
        assertThat(picked.pickedUpAt()).isPresent();
        assertThatThrownBy(() -> q.pickUp(id))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already picked up by Dr Bea");
        q.addNote(id, "Called the patient; ambulance on the way");
        Escalation closed = q.close(id, "Handed over to the emergency team");
        assertThat(closed.status()).isEqualTo(EscalationStatus.CLOSED);
        assertThat(closed.closedBy().orElseThrow().username()).isEqualTo(Fixture.CLINICIAN);
        assertThat(closed.closedAt()).isPresent();
        assertThat(closed.notes())
            .extracting(EscalationNote::text)
            .containsExactly(
                "Called the patient; ambulance on the way", "Handed over to the emergency team");
        assertThat(q.openCount()).isZero();
        assertThatThrownBy(() -> q.close(id, ""))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("already closed");
        List<AuditEvent> audited = Fixture.audit(bea, AuditAction.ESCALATION);
        assertThat(audited)
            .extracting(AuditEvent::detail)
            .contains("created urgency=EMERGENCY flags=1", "picked-up", "note", "closed");
        assertThat(audited).extracting(AuditEvent::targetId).containsOnly(id);
        assertThat(bea.audit().verify().ok()).isTrue();
      }
    }
  }

  @Test
  void closingAnOpenCaseRecordsTheCloserAsTheOneWhoPickedItUp() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      Escalation e =
          q.create(request("Sudden hearing loss, left ear, since this morning", Urgency.URGENT));
      Escalation closed = q.close(e.id(), "");
      assertThat(closed.pickedUpBy()).isEqualTo(closed.closedBy());
      assertThat(closed.notes()).isEmpty();
    }
  }

  @Test
  void theQueueListsEmergenciesFirstThenOldestAndFiltersByStatus() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      Escalation routine = q.create(request("Routine follow-up", Urgency.ROUTINE));
      Escalation urgent = q.create(request("Urgent review", Urgency.URGENT));
      Escalation emergency = q.create(request("Stroke signs", Urgency.EMERGENCY));
      Escalation urgent2 = q.create(request("Second urgent", Urgency.URGENT));
      assertThat(q.list(Set.of()))
          .extracting(Escalation::id)
          .containsExactly(emergency.id(), urgent.id(), urgent2.id(), routine.id());
      q.pickUp(urgent.id());
      assertThat(q.list(Set.of(EscalationStatus.OPEN)))
          .extracting(Escalation::id)
          .containsExactly(emergency.id(), urgent2.id(), routine.id());
      assertThat(q.list(Set.of(EscalationStatus.PICKED_UP)))
          .extracting(Escalation::id)
          .containsExactly(urgent.id());
    }
  }

  @Test
  void badInputGetsAClearMessageAndLeavesNothingBehind() {
    try (EmbeddedWorkstation ws = Fixture.open(dir);
        UserSession s = Fixture.initialise(ws)) {
      EscalationQueue q = EscalationQueue.of(s);
      assertThatThrownBy(() -> q.create(request("   ", Urgency.URGENT)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("summary is empty");
      assertThatThrownBy(
              () -> q.create(request("x".repeat(EscalationQueue.MAX_SUMMARY + 1), Urgency.URGENT)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too long");
      assertThatThrownBy(
              () ->
                  q.create(
                      new EscalationRequest(
                          "ok",
                          Urgency.URGENT,
                          Optional.empty(),
                          Optional.empty(),
                          List.of("bad id; DROP"))))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> q.pickUp("no-such-case"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("does not exist");
      Escalation e = q.create(request("ok", Urgency.URGENT));
      assertThatThrownBy(() -> q.addNote(e.id(), " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty");
      assertThat(q.list(Set.of())).hasSize(1);
    }
  }

  @Test
  void onlyAdministratorsChangeTheWebhookAndTheChangeIsAudited() {
    try (EmbeddedWorkstation ws = Fixture.open(dir)) {
      try (UserSession admin = Fixture.initialise(ws)) {
        EscalationQueue q = EscalationQueue.of(admin);
        assertThat(q.webhook().configured()).isFalse();
        q.saveWebhook(
            WebhookSettings.parse(
                "https://chat.example.org/hooks/abc123", WebhookFormat.GENERIC_JSON));
        assertThat(q.webhook().url()).contains(URI.create("https://chat.example.org/hooks/abc123"));
        assertThat(q.webhook().format()).isEqualTo(WebhookFormat.GENERIC_JSON);
        assertThat(q.create(request("after configuring", Urgency.URGENT)).delivery().status())
            .isEqualTo(DeliveryStatus.PENDING);
        assertThat(Fixture.audit(admin, AuditAction.SETTINGS_CHANGE))
            .extracting(AuditEvent::detail)
            .contains("configured format=GENERIC_JSON");
      }
      try (UserSession bea = Fixture.clinician(ws)) {
        EscalationQueue q = EscalationQueue.of(bea);
        assertThatThrownBy(() -> q.saveWebhook(WebhookSettings.none()))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(q.webhook().configured()).isTrue();
      }
    }
  }

  @Test
  void webhookAddressesAreValidated() {
    assertThat(WebhookSettings.parse("  ", WebhookFormat.MATTERMOST).configured()).isFalse();
    assertThatThrownBy(() -> WebhookSettings.parse("ftp://x.org/h", WebhookFormat.MATTERMOST))
        .hasMessageContaining("https://");
    assertThatThrownBy(() -> WebhookSettings.parse("http://", WebhookFormat.MATTERMOST))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookSettings.parse("not a url", WebhookFormat.MATTERMOST))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
