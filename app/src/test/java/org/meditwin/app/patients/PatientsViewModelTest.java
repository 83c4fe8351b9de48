package org.meditwin.app.patients;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.InMemoryWorkstation;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.domain.VisitStatus;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.testsupport.MutableClock;

class PatientsViewModelTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  private final InMemoryWorkstation ws = new InMemoryWorkstation(clock);
  private final I18n i18n = new I18n(Language.ENGLISH);
  private UserSession session;
  private PatientsViewModel vm;

  @BeforeEach
  void signIn() {
    ws.addUser("anna", Role.CLINICIAN, "correct horse battery");
    session = ws.login("anna", "correct horse battery".toCharArray());
    vm =
        new PatientsViewModel(
            session,
            TaskExecutor.sameThread(),
            i18n,
            new ErrorReporter(new ScriptedDialogs(), i18n),
            clock);
  }

  private void fill(String mrn, String family, String given) {
    vm.newPatient();
    vm.mrnProperty().set(mrn);
    vm.familyNameProperty().set(family);
    vm.givenNameProperty().set(given);
  }

  @Test
  void validationExplainsMissingMrnNameFutureBirthAndBadEmail() {
    fill("", "Doe", "Jane");
    vm.save();
    assertThat(vm.formErrorProperty().get()).isEqualTo(i18n.get("validation.patient.mrn"));
    fill("M-1", " ", "");
    assertThat(vm.validate()).contains(i18n.get("validation.patient.name"));
    fill("M-1", "Doe", "Jane");
    vm.birthDateProperty().set(LocalDate.of(2026, 3, 2));
    assertThat(vm.validate()).contains(i18n.get("validation.patient.birthDateFuture"));
    vm.birthDateProperty().set(LocalDate.of(1990, 1, 1));
    vm.emailProperty().set("jane at example");
    assertThat(vm.validate()).contains(i18n.get("validation.patient.email"));
    assertThat(session.patients().count()).isZero();
  }

  @Test
  void createdPatientIsSelectedAndFoundBySearch() {
    fill("M-100", "Doe", "Jane");
    vm.birthDateProperty().set(LocalDate.of(1980, 5, 17));
    vm.sexProperty().set(Sex.FEMALE);
    vm.save();
    assertThat(vm.formStatusProperty().get()).isEqualTo("Saved.");
    assertThat(vm.selectedProperty().get()).isPresent();

    vm.queryProperty().set("doe");
    vm.search();
    assertThat(vm.results()).extracting(p -> p.displayName()).containsExactly("Doe, Jane");
    assertThat(vm.searchStatusProperty().get()).isEqualTo("1 patient");

    vm.queryProperty().set("nobody");
    vm.search();
    assertThat(vm.results()).isEmpty();
    assertThat(vm.searchStatusProperty().get()).isEqualTo("No patients");
  }

  @Test
  void editingUpdatesTheSamePatient() {
    fill("M-100", "Doe", "Jane");
    vm.save();
    vm.search();
    vm.select(vm.results().getFirst());
    vm.givenNameProperty().set("Janet");
    vm.save();
    assertThat(session.patients().count()).isEqualTo(1);
    assertThat(vm.results().getFirst().givenName()).isEqualTo("Janet");
  }

  @Test
  void serviceValidationErrorIsShownInlineAndNothingIsLost() {
    fill("M-100", "Doe", "Jane");
    vm.save();
    fill("M-100", "Roe", "Richard");
    vm.save();
    assertThat(vm.formErrorProperty().get()).isEqualTo("Another patient already has this MRN.");
    assertThat(vm.familyNameProperty().get()).isEqualTo("Roe");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void startVisitCreatesTheUsersProfessionalRecordOnceAndListsVisits() {
    fill("M-100", "Doe", "Jane");
    vm.save();
    vm.startVisit(" hearing check ");
    vm.startVisit("follow-up");
    assertThat(vm.visits()).hasSize(2);
    assertThat(vm.visits()).allMatch(v -> v.status() == VisitStatus.IN_PROGRESS);
    assertThat(vm.visits()).extracting(v -> v.reason()).contains("hearing check");
    assertThat(session.professionals().list(true)).hasSize(1);
    assertThat(vm.formStatusProperty().get()).isEqualTo("Visit started.");
  }

  @Test
  void startVisitWithoutPatientExplains() {
    vm.newPatient();
    vm.startVisit("x");
    assertThat(vm.formErrorProperty().get()).isEqualTo(i18n.get("patients.visit.noPatient"));
  }

  @Test
  void lockedSessionFailureIsAMessageNotACrash() {
    session.lock();
    vm.queryProperty().set("doe");
    vm.search();
    assertThat(vm.results()).isEmpty();
    assertThat(vm.searchStatusProperty().get()).isEqualTo("The session is locked.");
  }
}
