package org.meditwin.store;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.PatientService;

/** Patients; each call appends its audit entry in the same transaction. */
final class StorePatientService implements PatientService {

  static final String TARGET = "patient";
  static final int MAX_LIMIT = 1000;

  private final StoreSession session;

  StorePatientService(StoreSession session) {
    this.session = session;
  }

  @Override
  public Patient create(PatientInput input) {
    return insert(input, false);
  }

  @Override
  public Patient createSynthetic(PatientInput input) {
    return insert(input, true);
  }

  private Patient insert(PatientInput input, boolean synthetic) {
    session.guard();
    Database db = session.db();
    PatientValidator.Valid v = PatientValidator.validate(input, today(db));
    return db.write(
        tx -> {
          String mrn = v.mrn();
          if (PatientRepository.idForMrn(tx, mrn).isPresent()) {
            throw new IllegalArgumentException(
                "This MRN is already used by another patient: enter a different one.");
          }
          Patient p =
              new Patient(
                  PatientId.random(),
                  mrn,
                  v.givenName(),
                  v.familyName(),
                  v.birthDate(),
                  v.sex(),
                  v.phone(),
                  v.email(),
                  v.address(),
                  v.notes(),
                  synthetic,
                  tx.now(),
                  tx.now());
          PatientRepository.insert(tx, p);
          session.audit(
              tx,
              AuditAction.PHI_CREATE,
              TARGET,
              p.id().value(),
              true,
              synthetic ? "synthetic=true" : "");
          return p;
        });
  }

  @Override
  public Patient update(PatientId id, PatientInput input) {
    session.guard();
    Objects.requireNonNull(id, "id");
    Database db = session.db();
    PatientValidator.Valid v = PatientValidator.validate(input, today(db));
    return db.write(
        tx -> {
          Patient old =
              PatientRepository.find(tx, id)
                  .orElseThrow(() -> new IllegalArgumentException("No such patient."));
          Optional<PatientId> holder = PatientRepository.idForMrn(tx, v.mrn());
          if (holder.isPresent() && !holder.get().equals(id)) {
            throw new IllegalArgumentException(
                "This MRN is already used by another patient: enter a different one.");
          }
          Patient updated =
              new Patient(
                  id,
                  v.mrn(),
                  v.givenName(),
                  v.familyName(),
                  v.birthDate(),
                  v.sex(),
                  v.phone(),
                  v.email(),
                  v.address(),
                  v.notes(),
                  old.synthetic(),
                  old.createdAt(),
                  tx.now());
          List<String> changed = changedFields(old, updated);
          if (changed.isEmpty()) {
            session.audit(tx, AuditAction.PHI_UPDATE, TARGET, id.value(), true, "fields=none");
            return old;
          }
          PatientRepository.update(tx, updated);
          session.audit(
              tx,
              AuditAction.PHI_UPDATE,
              TARGET,
              id.value(),
              true,
              "fields=" + String.join(",", changed));
          return updated;
        });
  }

  /** Names of changed fields only (the audit detail must not carry values). */
  static List<String> changedFields(Patient a, Patient b) {
    List<String> out = new ArrayList<>();
    if (!a.mrn().equals(b.mrn())) {
      out.add("mrn");
    }
    if (!a.givenName().equals(b.givenName())) {
      out.add("givenName");
    }
    if (!a.familyName().equals(b.familyName())) {
      out.add("familyName");
    }
    if (!a.birthDate().equals(b.birthDate())) {
      out.add("birthDate");
    }
    if (a.sex() != b.sex()) {
      out.add("sex");
    }
    if (!a.phone().equals(b.phone())) {
      out.add("phone");
    }
    if (!a.email().equals(b.email())) {
      out.add("email");
    }
    if (!a.address().equals(b.address())) {
      out.add("address");
    }
    if (!a.notes().equals(b.notes())) {
      out.add("notes");
    }
    return out;
  }

  @Override
  public Optional<Patient> find(PatientId id) {
    session.guard();
    Objects.requireNonNull(id, "id");
    return session
        .db()
        .write(
            tx -> {
              Optional<Patient> p = PatientRepository.find(tx, id);
              session.audit(
                  tx,
                  AuditAction.PHI_READ,
                  TARGET,
                  id.value(),
                  p.isPresent(),
                  p.isPresent() ? "" : "found=false");
              return p;
            });
  }

  @Override
  public List<Patient> search(String query, int limit) {
    session.guard();
    int max = Math.clamp(limit, 1, MAX_LIMIT);
    List<String> tokens = SearchText.tokens(query);
    return session
        .db()
        .write(
            tx -> {
              List<Patient> found =
                  tokens.isEmpty()
                      ? PatientRepository.recent(tx, max)
                      : PatientRepository.search(tx, tokens, max);
              session.audit(
                  tx,
                  AuditAction.PHI_SEARCH,
                  TARGET,
                  "",
                  true,
                  (tokens.isEmpty() ? "list=recent;" : "terms=" + tokens.size() + ";")
                      + "results="
                      + found.size());
              return found;
            });
  }

  @Override
  public int count() {
    session.guard();
    return session.db().read(PatientRepository::count);
  }

  @Override
  public void delete(PatientId id) {
    session.guard();
    Objects.requireNonNull(id, "id");
    session
        .db()
        .write(
            tx -> {
              int visits = PatientRepository.countVisits(tx, id);
              if (!PatientRepository.delete(tx, id)) {
                throw new IllegalArgumentException("No such patient.");
              }
              session.audit(
                  tx, AuditAction.PHI_DELETE, TARGET, id.value(), true, "visits=" + visits);
              return null;
            });
  }

  private static LocalDate today(Database db) {
    return LocalDate.now(db.clock());
  }

  /** Visible for DemoPatients: the id of the patient holding an MRN, without an audit entry. */
  static Optional<PatientId> idForMrn(StoreSession session, String mrn) {
    session.guard();
    return session.db().read(tx -> idForMrnUnchecked(tx, mrn));
  }

  private static Optional<PatientId> idForMrnUnchecked(Tx tx, String mrn) throws SQLException {
    return PatientRepository.idForMrn(tx, mrn);
  }
}
