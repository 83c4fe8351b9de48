package org.meditwin.app.patients;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.TaskExecutor;

/**
 * Patients pane: search, the create/edit form with its validation, and the selected patient's visit
 * sessions. Every service call runs on the task executor; results land on the FX thread.
 */
public final class PatientsViewModel {
  /** Upper bound of rows a search shows; the hint tells the user to narrow the search. */
  public static final int SEARCH_LIMIT = 200;

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final UserSession session;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final Clock clock;

  private final StringProperty query = new SimpleStringProperty("");
  private final ObservableList<Patient> results = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper searchStatus = new ReadOnlyStringWrapper("");
  private final AtomicLong searchGeneration = new AtomicLong();

  private final ReadOnlyObjectWrapper<Optional<Patient>> selected =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final StringProperty mrn = new SimpleStringProperty("");
  private final StringProperty givenName = new SimpleStringProperty("");
  private final StringProperty familyName = new SimpleStringProperty("");
  private final ObjectProperty<LocalDate> birthDate = new SimpleObjectProperty<>();
  private final ObjectProperty<Sex> sex = new SimpleObjectProperty<>(Sex.UNKNOWN);
  private final StringProperty phone = new SimpleStringProperty("");
  private final StringProperty email = new SimpleStringProperty("");
  private final StringProperty address = new SimpleStringProperty("");
  private final StringProperty notes = new SimpleStringProperty("");
  private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper formStatus = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

  private final ObservableList<VisitSession> visits = FXCollections.observableArrayList();

  public PatientsViewModel(
      UserSession session, TaskExecutor tasks, I18n i18n, ErrorReporter errors, Clock clock) {
    this.session = Objects.requireNonNull(session);
    this.tasks = Objects.requireNonNull(tasks);
    this.i18n = Objects.requireNonNull(i18n);
    this.errors = Objects.requireNonNull(errors);
    this.clock = Objects.requireNonNull(clock);
  }

  // --- search -------------------------------------------------------------------------------

  public StringProperty queryProperty() {
    return query;
  }

  public ObservableList<Patient> results() {
    return FXCollections.unmodifiableObservableList(results);
  }

  public ReadOnlyStringProperty searchStatusProperty() {
    return searchStatus.getReadOnlyProperty();
  }

  /** Runs the current query; only the newest search's results are shown. */
  public void search() {
    long generation = searchGeneration.incrementAndGet();
    String q = query.get() == null ? "" : query.get().strip();
    tasks
        .submit(i18n.get("task.patients.search"), p -> session.patients().search(q, SEARCH_LIMIT))
        .whenComplete(
            (found, failure) -> {
              if (generation != searchGeneration.get()) {
                return;
              }
              if (failure != null) {
                results.clear();
                searchStatus.set(errors.message(failure));
                return;
              }
              results.setAll(found);
              searchStatus.set(
                  found.size() >= SEARCH_LIMIT
                      ? i18n.get("patients.search.truncated", SEARCH_LIMIT)
                      : i18n.get("patients.search.count", found.size()));
            });
  }

  // --- form ---------------------------------------------------------------------------------

  public ReadOnlyObjectProperty<Optional<Patient>> selectedProperty() {
    return selected.getReadOnlyProperty();
  }

  public StringProperty mrnProperty() {
    return mrn;
  }

  public StringProperty givenNameProperty() {
    return givenName;
  }

  public StringProperty familyNameProperty() {
    return familyName;
  }

  public ObjectProperty<LocalDate> birthDateProperty() {
    return birthDate;
  }

  public ObjectProperty<Sex> sexProperty() {
    return sex;
  }

  public StringProperty phoneProperty() {
    return phone;
  }

  public StringProperty emailProperty() {
    return email;
  }

  public StringProperty addressProperty() {
    return address;
  }

  public StringProperty notesProperty() {
    return notes;
  }

  public ReadOnlyStringProperty formErrorProperty() {
    return formError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty formStatusProperty() {
    return formStatus.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Clears the form for a new patient. */
  public void newPatient() {
    selected.set(Optional.empty());
    fill(null);
    visits.clear();
    formError.set("");
    formStatus.set("");
  }

  /** Shows a patient in the form and loads their visits. */
  public void select(Patient patient) {
    if (patient == null) {
      newPatient();
      return;
    }
    selected.set(Optional.of(patient));
    fill(patient);
    formError.set("");
    formStatus.set("");
    loadVisits(patient);
  }

  private void fill(Patient p) {
    mrn.set(p == null ? "" : p.mrn());
    givenName.set(p == null ? "" : p.givenName());
    familyName.set(p == null ? "" : p.familyName());
    birthDate.set(p == null ? null : p.birthDate().orElse(null));
    sex.set(p == null ? Sex.UNKNOWN : p.sex());
    phone.set(p == null ? "" : p.phone());
    email.set(p == null ? "" : p.email());
    address.set(p == null ? "" : p.address());
    notes.set(p == null ? "" : p.notes());
  }

  /** The first problem with the form, translated; empty when it can be saved. */
  public Optional<String> validate() {
    if (text(mrn).isEmpty()) {
      return Optional.of(i18n.get("validation.patient.mrn"));
    }
    if (text(familyName).isEmpty() && text(givenName).isEmpty()) {
      return Optional.of(i18n.get("validation.patient.name"));
    }
    LocalDate born = birthDate.get();
    if (born != null && born.isAfter(LocalDate.now(clock))) {
      return Optional.of(i18n.get("validation.patient.birthDateFuture"));
    }
    if (born != null && born.isBefore(LocalDate.now(clock).minusYears(130))) {
      return Optional.of(i18n.get("validation.patient.birthDatePast"));
    }
    if (!text(email).isEmpty() && !EMAIL.matcher(text(email)).matches()) {
      return Optional.of(i18n.get("validation.patient.email"));
    }
    return Optional.empty();
  }

  public void save() {
    if (busy.get()) {
      return;
    }
    Optional<String> problem = validate();
    if (problem.isPresent()) {
      formError.set(problem.get());
      formStatus.set("");
      return;
    }
    formError.set("");
    PatientInput input =
        new PatientInput(
            text(mrn),
            text(givenName),
            text(familyName),
            Optional.ofNullable(birthDate.get()),
            sex.get(),
            text(phone),
            text(email),
            text(address),
            notes.get() == null ? "" : notes.get());
    Optional<Patient> editing = selected.get();
    busy.set(true);
    tasks
        .submit(
            i18n.get("task.patients.save"),
            p ->
                editing.isPresent()
                    ? session.patients().update(editing.get().id(), input)
                    : session.patients().create(input))
        .whenComplete(
            (saved, failure) -> {
              busy.set(false);
              if (failure != null) {
                formError.set(errors.message(failure));
                return;
              }
              selected.set(Optional.of(saved));
              fill(saved);
              formStatus.set(i18n.get("patients.saved"));
              replaceInResults(saved);
              if (editing.isEmpty()) {
                visits.clear();
              }
            });
  }

  private void replaceInResults(Patient saved) {
    for (int i = 0; i < results.size(); i++) {
      if (results.get(i).id().equals(saved.id())) {
        results.set(i, saved);
        return;
      }
    }
    results.addFirst(saved);
  }

  // --- visits -------------------------------------------------------------------------------

  public ObservableList<VisitSession> visits() {
    return FXCollections.unmodifiableObservableList(visits);
  }

  private void loadVisits(Patient patient) {
    tasks
        .submit(i18n.get("task.visits.load"), p -> session.visits().forPatient(patient.id()))
        .whenComplete(
            (found, failure) -> {
              if (!selected.get().map(s -> s.id().equals(patient.id())).orElse(false)) {
                return;
              }
              if (failure != null) {
                formError.set(errors.message(failure));
                return;
              }
              visits.setAll(found);
            });
  }

  /**
   * Starts a visit of the selected patient, conducted by the signed-in user. A user without a
   * professional record gets one (their display name), so every visit names who conducted it.
   */
  public void startVisit(String reason) {
    Optional<Patient> patient = selected.get();
    if (patient.isEmpty()) {
      formError.set(i18n.get("patients.visit.noPatient"));
      return;
    }
    String why = reason == null ? "" : reason.strip();
    busy.set(true);
    tasks
        .submit(
            i18n.get("task.visits.start"),
            p -> {
              Professional professional =
                  session
                      .professionals()
                      .forAccount(session.user().id())
                      .orElseGet(
                          () ->
                              session
                                  .professionals()
                                  .create(
                                      session.user().displayName(),
                                      i18n.get("role." + session.user().role().name()),
                                      "",
                                      Optional.of(session.user().id())));
              session.visits().start(patient.get().id(), professional.id(), why);
              return session.visits().forPatient(patient.get().id());
            })
        .whenComplete(
            (List<VisitSession> found, Throwable failure) -> {
              busy.set(false);
              if (failure != null) {
                formError.set(errors.message(failure));
                return;
              }
              visits.setAll(found);
              formStatus.set(i18n.get("patients.visit.started"));
            });
  }

  private static String text(StringProperty p) {
    return p.get() == null ? "" : p.get().strip();
  }
}
