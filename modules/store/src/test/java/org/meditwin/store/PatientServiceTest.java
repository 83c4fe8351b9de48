package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.domain.VisitStatus;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.PatientService;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class PatientServiceTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();
  EmbeddedWorkstation ws;
  UserSession session;
  PatientService patients;

  @BeforeEach
  void setUp() {
    ws = StoreFixture.open(dir, clock);
    session = ws.initialise(StoreFixture.ADMIN, "Ada", StoreFixture.ADMIN_PASSWORD.clone());
    patients = session.patients();
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  private AuditEvent lastAudit() {
    return session.audit().find(AuditLog.Filter.all(), 1).getFirst();
  }

  @Test
  void createdPatientIsFoundWithEveryField() {
    Patient created =
        patients.create(StoreFixture.withMrn(StoreFixture.patient("Zoë", "Ångström"), "A-1001"));
    Optional<Patient> found = patients.find(created.id());
    assertThat(found).contains(created);
    Patient p = found.orElseThrow();
    assertThat(p.mrn()).isEqualTo("A-1001");
    assertThat(p.givenName()).isEqualTo("Zoë");
    assertThat(p.familyName()).isEqualTo("Ångström");
    assertThat(p.birthDate()).contains(LocalDate.of(1961, 4, 12));
    assertThat(p.sex()).isEqualTo(Sex.FEMALE);
    assertThat(p.synthetic()).isFalse();
    assertThat(p.createdAt()).isEqualTo(clock.instant());
    assertThat(patients.count()).isEqualTo(1);
  }

  @Test
  void blankMrnGetsAGeneratedUniqueOne() {
    Patient a = patients.create(StoreFixture.patient("Ann", "Lee"));
    Patient b = patients.create(StoreFixture.patient("Bob", "Lee"));
    assertThat(a.mrn()).matches("MT-[2-9A-Z]{8}");
    assertThat(b.mrn()).matches("MT-[2-9A-Z]{8}").isNotEqualTo(a.mrn());
  }

  @Test
  void searchIgnoresCaseAndAccents() {
    Patient zoe = patients.create(StoreFixture.patient("Zoë", "Ångström"));
    patients.create(StoreFixture.patient("José", "Müller"));
    patients.create(StoreFixture.patient("Chloé", "Dubois"));
    assertThat(patients.search("zoe", 10)).containsExactly(zoe);
    assertThat(patients.search("ANGSTROM", 10)).containsExactly(zoe);
    assertThat(patients.search("ångström zoë", 10)).containsExactly(zoe);
    assertThat(patients.search("MULLER", 10))
        .extracting(Patient::givenName)
        .containsExactly("José");
    assertThat(patients.search("jose muller", 10)).hasSize(1);
    assertThat(patients.search("chloe@EXAMPLE", 10))
        .extracting(Patient::familyName)
        .containsExactly("Dubois");
    assertThat(patients.search("nobody-like-this", 10)).isEmpty();
  }

  @Test
  void searchFindsMrnAndPhoneWhateverTheFormatting() {
    Patient p =
        patients.create(StoreFixture.withMrn(StoreFixture.patient("Ann", "Lee"), "HC-2024-77"));
    assertThat(patients.search("hc-2024-77", 5)).containsExactly(p);
    assertThat(patients.search("5550102030", 5)).containsExactly(p);
    assertThat(patients.search("555-010-2030", 5)).containsExactly(p);
    assertThat(patients.search("%", 5)).isEmpty();
  }

  @Test
  void blankSearchListsMostRecentlyUpdatedFirst() {
    Patient a = patients.create(StoreFixture.patient("Ann", "Lee"));
    clock.advance(Duration.ofMinutes(1));
    Patient b = patients.create(StoreFixture.patient("Bob", "Ray"));
    clock.advance(Duration.ofMinutes(1));
    Patient a2 =
        patients.update(
            a.id(), StoreFixture.withMrn(StoreFixture.patient("Ann", "Leigh"), a.mrn()));
    assertThat(patients.search("  ", 10)).containsExactly(a2, b);
    assertThat(patients.search("", 1)).containsExactly(a2);
  }

  @Test
  void invalidInputIsRejectedWithPhiFreeMessages() {
    PatientInput base = StoreFixture.patient("Secretname", "Secretfamily");
    assertThatThrownBy(
            () ->
                patients.create(
                    new PatientInput("", " ", "", Optional.empty(), Sex.UNKNOWN, "", "", "", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("family name or a given name");
    assertThatThrownBy(
            () ->
                patients.create(
                    new PatientInput(
                        "",
                        "Ann",
                        "Lee",
                        Optional.empty(),
                        Sex.UNKNOWN,
                        "",
                        "not-an-email",
                        "",
                        "")))
        .hasMessageContaining("E-mail")
        .hasMessageNotContaining("not-an-email");
    assertThatThrownBy(
            () ->
                patients.create(
                    new PatientInput(
                        "",
                        "Ann",
                        "Lee",
                        Optional.of(LocalDate.of(2026, 3, 3)),
                        Sex.UNKNOWN,
                        "",
                        "",
                        "",
                        "")))
        .hasMessageContaining("future");
    assertThatThrownBy(
            () ->
                patients.create(
                    new PatientInput(
                        "", "A".repeat(201), "Lee", Optional.empty(), Sex.UNKNOWN, "", "", "", "")))
        .hasMessageContaining("too long");
    assertThatThrownBy(
            () ->
                patients.create(
                    new PatientInput(
                        "", "Ann", "Lee", Optional.empty(), Sex.UNKNOWN, "call me", "", "", "")))
        .hasMessageContaining("Phone");
    patients.create(StoreFixture.withMrn(base, "DUP-1"));
    assertThatThrownBy(
            () ->
                patients.create(
                    StoreFixture.withMrn(StoreFixture.patient("Other", "Person"), "dup-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MRN is already used")
        .hasMessageNotContaining("DUP-1")
        .hasMessageNotContaining("Secret");
    assertThat(patients.count()).isEqualTo(1);
  }

  @Test
  void updateAuditsOnlyTheNamesOfChangedFields() {
    Patient p = patients.create(StoreFixture.patient("Ann", "Lee"));
    PatientInput changed =
        new PatientInput(
            p.mrn(),
            "Ann",
            "Lee",
            p.birthDate(),
            p.sex(),
            "+44 20 7946 0000",
            "ann.new@example.org",
            p.address(),
            p.notes());
    clock.advance(Duration.ofMinutes(5));
    Patient updated = patients.update(p.id(), changed);
    assertThat(updated.phone()).isEqualTo("+44 20 7946 0000");
    assertThat(updated.updatedAt()).isEqualTo(clock.instant());
    assertThat(updated.createdAt()).isEqualTo(p.createdAt());
    AuditEvent e = lastAudit();
    assertThat(e.action()).isEqualTo(AuditAction.PHI_UPDATE);
    assertThat(e.targetId()).isEqualTo(p.id().value());
    assertThat(e.detail()).isEqualTo("fields=phone,email");
  }

  @Test
  void everyPhiOperationAppendsOneAuditEntry() {
    long before = session.audit().size();
    Patient p = patients.create(StoreFixture.patient("Ann", "Lee"));
    assertThat(lastAudit())
        .extracting(AuditEvent::action, AuditEvent::targetId, AuditEvent::detail)
        .containsExactly(AuditAction.PHI_CREATE, p.id().value(), "");
    patients.find(p.id());
    assertThat(lastAudit().action()).isEqualTo(AuditAction.PHI_READ);
    patients.search("lee", 10);
    AuditEvent search = lastAudit();
    assertThat(search.action()).isEqualTo(AuditAction.PHI_SEARCH);
    assertThat(search.detail()).isEqualTo("terms=1;results=1").doesNotContain("lee");
    patients.update(p.id(), StoreFixture.withMrn(StoreFixture.patient("Ann", "Leigh"), p.mrn()));
    assertThat(lastAudit().action()).isEqualTo(AuditAction.PHI_UPDATE);
    patients.delete(p.id());
    assertThat(lastAudit().action()).isEqualTo(AuditAction.PHI_DELETE);
    assertThat(session.audit().size()).isEqualTo(before + 5);
    assertThat(session.audit().verify().ok()).isTrue();
    for (AuditEvent e : session.audit().find(AuditLog.Filter.all(), 100)) {
      assertThat(e.detail() + e.targetId() + e.actor())
          .doesNotContainIgnoringCase("lee")
          .doesNotContain("Ann");
    }
  }

  @Test
  void findOfMissingPatientIsEmptyAndAuditedAsUnsuccessful() {
    assertThat(patients.find(PatientId.random())).isEmpty();
    assertThat(lastAudit().success()).isFalse();
  }

  @Test
  void deleteRemovesThePatientAndTheirVisits() {
    Patient p = patients.create(StoreFixture.patient("Ann", "Lee"));
    Professional pro =
        session.professionals().create("Dr Kim", "Audiologist", "AUD-1", Optional.empty());
    VisitSession v = session.visits().start(p.id(), pro.id(), "Hearing aid fitting");
    patients.delete(p.id());
    assertThat(patients.find(p.id())).isEmpty();
    assertThat(session.visits().find(v.id())).isEmpty();
    assertThat(session.audit().find(AuditLog.Filter.all(), 5))
        .extracting(AuditEvent::detail)
        .contains("visits=1");
    assertThatThrownBy(() -> patients.delete(p.id())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void visitsFollowTheirLifeCycle() {
    Patient p = patients.create(StoreFixture.patient("Ann", "Lee"));
    Professional pro =
        session
            .professionals()
            .create("Dr Kim", "Audiologist", "AUD-1", Optional.of(session.user().id()));
    assertThat(session.professionals().forAccount(session.user().id())).contains(pro);
    VisitSession v = session.visits().start(p.id(), pro.id(), "Tinnitus follow-up");
    assertThat(v.status()).isEqualTo(VisitStatus.IN_PROGRESS);
    clock.advance(Duration.ofMinutes(20));
    VisitSession done = session.visits().changeStatus(v.id(), VisitStatus.COMPLETED);
    assertThat(done.endedAt()).contains(clock.instant());
    assertThatThrownBy(() -> session.visits().changeStatus(v.id(), VisitStatus.IN_PROGRESS))
        .isInstanceOf(IllegalArgumentException.class);
    clock.advance(Duration.ofDays(1));
    VisitSession second = session.visits().start(p.id(), pro.id(), "Review");
    List<VisitSession> list = session.visits().forPatient(p.id());
    assertThat(list).extracting(VisitSession::id).containsExactly(second.id(), v.id());
    Professional inactive =
        session
            .professionals()
            .update(
                new Professional(
                    pro.id(),
                    pro.displayName(),
                    pro.profession(),
                    pro.licenseNumber(),
                    pro.account(),
                    false,
                    pro.createdAt()));
    assertThat(session.professionals().list(false)).doesNotContain(inactive);
    assertThat(session.professionals().list(true)).contains(inactive);
    assertThatThrownBy(() -> session.visits().start(p.id(), pro.id(), "x"))
        .hasMessageContaining("inactive");
  }
}
