package org.meditwin.record.fhir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventStatus;
import org.meditwin.record.TimelineService;

/**
 * Exports one patient and their timeline as a FHIR R4 Bundle (type collection): the Patient plus
 * one resource per event (VISIT → Encounter, DIAGNOSIS/SYMPTOM → Condition, MEDICATION →
 * MedicationRequest, PROCEDURE → Procedure, OBSERVATION → Observation, IMAGING → DiagnosticReport,
 * IMMUNIZATION → Immunization, ALLERGY → AllergyIntolerance, NOTE/DOCUMENT → DocumentReference).
 * The export is audited ({@code EXPORT}); the Bundle is PHI, so the caller chooses where it goes.
 */
public final class FhirExport {
  private final UserSession session;
  private final TimelineService timeline;

  private FhirExport(UserSession session) {
    this.session = session;
    this.timeline = TimelineService.of(session);
  }

  public static FhirExport of(UserSession session) {
    return new FhirExport(session);
  }

  /** The Bundle as pretty-printed JSON. */
  public String exportJson(PatientId id) {
    return FhirReader.context()
        .newJsonParser()
        .setPrettyPrint(true)
        .encodeResourceToString(bundle(id));
  }

  /** Writes the Bundle to {@code out} (temp file + atomic move); returns the number of events. */
  public int exportTo(PatientId id, Path out) throws IOException {
    Bundle b = bundle(id);
    String json =
        FhirReader.context().newJsonParser().setPrettyPrint(true).encodeResourceToString(b);
    Path dir = out.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".fhir-export", ".part");
    try {
      Files.writeString(tmp, json, StandardCharsets.UTF_8);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return b.getEntry().size() - 1;
  }

  /** The Bundle object. */
  public Bundle bundle(PatientId id) {
    Patient p =
        session
            .patients()
            .find(id)
            .orElseThrow(() -> new NoSuchElementException("No patient with that id."));
    List<ClinicalEvent> events = timeline.find(id.value(), EventFilter.all());
    session
        .clinicalStore()
        .write(
            tx -> {
              tx.audit(
                  AuditAction.EXPORT,
                  "patient",
                  id.value(),
                  true,
                  "fhir bundle events=" + events.size());
              return null;
            });
    Bundle b = new Bundle();
    b.setType(Bundle.BundleType.COLLECTION);
    org.hl7.fhir.r4.model.Patient fp = patient(p);
    b.addEntry().setFullUrl("urn:uuid:" + p.id().value()).setResource(fp);
    Reference subject = new Reference("urn:uuid:" + p.id().value());
    for (ClinicalEvent e : events) {
      Resource r = resource(e, subject);
      r.setId(fhirId(e.id()));
      b.addEntry().setFullUrl("urn:uuid:" + e.id()).setResource(r);
    }
    return b;
  }

  private static String fhirId(String id) {
    String s = id.replaceAll("[^A-Za-z0-9.-]", "-");
    return s.length() > 64 ? s.substring(0, 64) : s;
  }

  private static org.hl7.fhir.r4.model.Patient patient(Patient p) {
    org.hl7.fhir.r4.model.Patient fp = new org.hl7.fhir.r4.model.Patient();
    fp.setId(p.id().value());
    Identifier mrn = fp.addIdentifier().setValue(p.mrn());
    mrn.getType()
        .addCoding()
        .setSystem("http://terminology.hl7.org/CodeSystem/v2-0203")
        .setCode("MR");
    mrn.getType().setText("Medical Record Number");
    var name = fp.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL);
    if (!p.familyName().isEmpty()) {
      name.setFamily(p.familyName());
    }
    for (String g : p.givenName().split("\\s+")) {
      if (!g.isBlank()) {
        name.addGiven(g);
      }
    }
    p.birthDate().ifPresent(d -> fp.setBirthDateElement(new DateType(d.toString())));
    fp.setGender(
        switch (p.sex()) {
          case FEMALE -> Enumerations.AdministrativeGender.FEMALE;
          case MALE -> Enumerations.AdministrativeGender.MALE;
          case OTHER -> Enumerations.AdministrativeGender.OTHER;
          case UNKNOWN -> Enumerations.AdministrativeGender.UNKNOWN;
        });
    if (!p.phone().isEmpty()) {
      fp.addTelecom()
          .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
          .setValue(p.phone());
    }
    if (!p.email().isEmpty()) {
      fp.addTelecom()
          .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.EMAIL)
          .setValue(p.email());
    }
    if (!p.address().isEmpty()) {
      fp.addAddress().setText(p.address());
    }
    if (p.synthetic()) {
      fp.getMeta().addTag().setCode("synthetic").setDisplay("Synthetic demo data");
    }
    return fp;
  }

  private static CodeableConcept concept(ClinicalEvent e) {
    CodeableConcept c = new CodeableConcept().setText(e.title());
    e.code()
        .ifPresent(
            code -> {
              Coding coding = c.addCoding().setDisplay(e.title());
              Optional<String> system = FhirMapper.systemOf(code);
              if (system.isPresent()) {
                coding.setSystem(system.get()).setCode(code.substring(code.indexOf(':') + 1));
              } else {
                coding.setCode(code);
              }
            });
    return c;
  }

  private static DateTimeType dt(LocalDate d) {
    return new DateTimeType(d.toString());
  }

  private static Period period(ClinicalEvent e) {
    Period p = new Period().setStartElement(dt(e.date()));
    e.endDate().ifPresent(end -> p.setEndElement(dt(end)));
    return p;
  }

  private static Optional<CodeableConcept> site(ClinicalEvent e) {
    return e.bodyPart()
        .map(
            part ->
                new CodeableConcept()
                    .setText(
                        switch (e.laterality()) {
                          case LEFT -> "left " + part;
                          case RIGHT -> "right " + part;
                          case BILATERAL -> "bilateral " + part;
                          case NONE -> part;
                        }));
  }

  private static CodeableConcept status(String system, String code) {
    CodeableConcept c = new CodeableConcept();
    c.addCoding().setSystem(system).setCode(code);
    return c;
  }

  private static Resource resource(ClinicalEvent e, Reference subject) {
    return switch (e.type()) {
      case VISIT -> {
        Encounter enc = new Encounter();
        enc.setSubject(subject);
        enc.addType(concept(e));
        enc.setPeriod(period(e));
        enc.setStatus(
            switch (e.status()) {
              case ACTIVE -> Encounter.EncounterStatus.INPROGRESS;
              case RESOLVED -> Encounter.EncounterStatus.FINISHED;
              case ENTERED_IN_ERROR -> Encounter.EncounterStatus.ENTEREDINERROR;
              case UNKNOWN -> Encounter.EncounterStatus.UNKNOWN;
            });
        enc.getClass_()
            .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
            .setCode("AMB");
        yield enc;
      }
      case DIAGNOSIS, SYMPTOM -> {
        Condition c = new Condition();
        c.setSubject(subject);
        c.setCode(concept(e));
        c.setOnset(dt(e.date()));
        e.endDate().ifPresent(end -> c.setAbatement(dt(end)));
        c.addCategory(
            status(
                "http://terminology.hl7.org/CodeSystem/condition-category",
                e.type() == org.meditwin.record.EventType.SYMPTOM
                    ? "problem-list-item"
                    : "encounter-diagnosis"));
        String clinical = "http://terminology.hl7.org/CodeSystem/condition-clinical";
        if (e.status() == EventStatus.ACTIVE) {
          c.setClinicalStatus(status(clinical, "active"));
        } else if (e.status() == EventStatus.RESOLVED) {
          c.setClinicalStatus(status(clinical, "resolved"));
        } else if (e.status() == EventStatus.ENTERED_IN_ERROR) {
          c.setVerificationStatus(
              status(
                  "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                  "entered-in-error"));
        }
        e.severity().ifPresent(s -> c.setSeverity(new CodeableConcept().setText(s)));
        site(e).ifPresent(c::addBodySite);
        yield c;
      }
      case MEDICATION -> {
        MedicationRequest m = new MedicationRequest();
        m.setSubject(subject);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(concept(e));
        m.setAuthoredOnElement(dt(e.date()));
        m.setStatus(
            switch (e.status()) {
              case ACTIVE -> MedicationRequest.MedicationRequestStatus.ACTIVE;
              case RESOLVED -> MedicationRequest.MedicationRequestStatus.STOPPED;
              case ENTERED_IN_ERROR -> MedicationRequest.MedicationRequestStatus.ENTEREDINERROR;
              case UNKNOWN -> MedicationRequest.MedicationRequestStatus.UNKNOWN;
            });
        e.endDate().ifPresent(end -> m.getDispenseRequest().setValidityPeriod(period(e)));
        yield m;
      }
      case PROCEDURE -> {
        Procedure p = new Procedure();
        p.setSubject(subject);
        p.setCode(concept(e));
        p.setPerformed(e.endDate().isPresent() ? period(e) : dt(e.date()));
        p.setStatus(
            switch (e.status()) {
              case ACTIVE -> Procedure.ProcedureStatus.INPROGRESS;
              case RESOLVED -> Procedure.ProcedureStatus.COMPLETED;
              case ENTERED_IN_ERROR -> Procedure.ProcedureStatus.ENTEREDINERROR;
              case UNKNOWN -> Procedure.ProcedureStatus.UNKNOWN;
            });
        site(e).ifPresent(p::addBodySite);
        yield p;
      }
      case OBSERVATION -> {
        Observation o = new Observation();
        o.setSubject(subject);
        o.setCode(concept(e));
        o.setEffective(dt(e.date()));
        o.setStatus(
            e.status() == EventStatus.ENTERED_IN_ERROR
                ? Observation.ObservationStatus.ENTEREDINERROR
                : Observation.ObservationStatus.FINAL);
        if (e.value().isPresent()) {
          Quantity q = new Quantity().setValue(e.value().getAsDouble());
          e.unit().ifPresent(q::setUnit);
          o.setValue(q);
        }
        e.severity().ifPresent(s -> o.addInterpretation(new CodeableConcept().setText(s)));
        site(e).ifPresent(o::setBodySite);
        yield o;
      }
      case IMAGING -> {
        DiagnosticReport d = new DiagnosticReport();
        d.setSubject(subject);
        d.setCode(concept(e));
        d.setEffective(dt(e.date()));
        d.addCategory(status("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD"));
        d.setStatus(
            e.status() == EventStatus.ENTERED_IN_ERROR
                ? DiagnosticReport.DiagnosticReportStatus.ENTEREDINERROR
                : DiagnosticReport.DiagnosticReportStatus.FINAL);
        yield d;
      }
      case IMMUNIZATION -> {
        Immunization i = new Immunization();
        i.setPatient(subject);
        i.setVaccineCode(concept(e));
        i.setOccurrence(dt(e.date()));
        i.setStatus(
            e.status() == EventStatus.ENTERED_IN_ERROR
                ? Immunization.ImmunizationStatus.ENTEREDINERROR
                : Immunization.ImmunizationStatus.COMPLETED);
        yield i;
      }
      case ALLERGY -> {
        AllergyIntolerance a = new AllergyIntolerance();
        a.setPatient(subject);
        a.setCode(concept(e));
        a.setOnset(dt(e.date()));
        String clinical = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
        if (e.status() == EventStatus.ACTIVE) {
          a.setClinicalStatus(status(clinical, "active"));
        } else if (e.status() == EventStatus.RESOLVED) {
          a.setClinicalStatus(status(clinical, "resolved"));
        }
        e.severity()
            .flatMap(FhirExport::reactionSeverity)
            .ifPresent(s -> a.addReaction().setSeverity(s));
        yield a;
      }
      case NOTE, DOCUMENT -> {
        DocumentReference d = new DocumentReference();
        d.setSubject(subject);
        d.setType(concept(e));
        d.setDate(Date.from(e.date().atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        d.getContext().setPeriod(period(e));
        if (e.type() == org.meditwin.record.EventType.NOTE) {
          d.addCategory(
              status(
                  "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                  "clinical-note"));
        }
        d.setStatus(
            switch (e.status()) {
              case RESOLVED -> Enumerations.DocumentReferenceStatus.SUPERSEDED;
              case ENTERED_IN_ERROR -> Enumerations.DocumentReferenceStatus.ENTEREDINERROR;
              default -> Enumerations.DocumentReferenceStatus.CURRENT;
            });
        yield d;
      }
    };
  }

  private static Optional<AllergyIntolerance.AllergyIntoleranceSeverity> reactionSeverity(
      String s) {
    return switch (s) {
      case "mild" -> Optional.of(AllergyIntolerance.AllergyIntoleranceSeverity.MILD);
      case "moderate" -> Optional.of(AllergyIntolerance.AllergyIntoleranceSeverity.MODERATE);
      case "severe" -> Optional.of(AllergyIntolerance.AllergyIntoleranceSeverity.SEVERE);
      default -> Optional.empty();
    };
  }
}
