package org.meditwin.record.fhir;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.meditwin.record.Anatomy;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventRelation;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService.SourceLink;

/**
 * Maps one FHIR R4 clinical resource to timeline events with their TRUE clinical date (onset,
 * effective, authoredOn, performed, occurrence, period start) — never the import date. A resource
 * without a usable clinical date or title is refused with a reason (reported, not guessed).
 */
final class FhirMapper {

  /** Events of one resource plus its links (by "Type/id"). */
  record Mapped(List<ClinicalEvent> events, List<SourceLink> links) {}

  /** A resource that cannot become an event; the message is PHI-free. */
  static final class Unmappable extends Exception {
    Unmappable(String reason) {
      super(reason);
    }
  }

  private final Anatomy anatomy = Anatomy.standard();

  /** Resolves a reference ("Encounter/x", "urn:uuid:..", absolute URL) to "Type/id", if known. */
  interface References {
    Optional<String> sourceId(Reference r);
  }

  Mapped map(Resource r, String patientId, References refs) throws Unmappable {
    return switch (r) {
      case Encounter e -> encounter(e, patientId);
      case Condition c -> condition(c, patientId, refs);
      case Observation o -> observation(o, patientId, refs);
      case MedicationRequest m -> medication(m, patientId, refs);
      case Procedure p -> procedure(p, patientId, refs);
      case Immunization i -> immunization(i, patientId, refs);
      case AllergyIntolerance a -> allergy(a, patientId);
      case DiagnosticReport d -> report(d, patientId, refs);
      case DocumentReference d -> document(d, patientId, refs);
      default -> throw new Unmappable("resource type not imported: " + r.fhirType());
    };
  }

  /** Resource types the importer turns into events (Patient handled separately). */
  static boolean supported(String type) {
    return switch (type) {
      case "Encounter",
          "Condition",
          "Observation",
          "MedicationRequest",
          "Procedure",
          "Immunization",
          "AllergyIntolerance",
          "DiagnosticReport",
          "DocumentReference" ->
          true;
      default -> false;
    };
  }

  // ------------------------------------------------------------------ resources

  private Mapped encounter(Encounter e, String patientId) throws Unmappable {
    LocalDate date = required(start(e.getPeriod()), "Encounter has no period start");
    String title = firstText(e.getType()).orElse(e.getClass_().getDisplay());
    if (title == null || title.isBlank()) {
      title =
          e.getClass_().getCode() == null ? "Encounter" : "Encounter " + e.getClass_().getCode();
    }
    Optional<String> reason = firstText(e.getReasonCode());
    if (reason.isPresent()) {
      title = title + " — " + reason.get();
    }
    EventStatus status =
        switch (e.getStatus() == null ? "" : e.getStatus().toCode()) {
          case "finished", "cancelled" -> EventStatus.RESOLVED;
          case "in-progress", "arrived", "triaged", "onleave", "planned" -> EventStatus.ACTIVE;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev =
        event(patientId, EventType.VISIT, title, firstCode(e.getType()), date, status, e)
            .withEndDate(end(e.getPeriod(), date).orElse(null));
    return new Mapped(List.of(ev), List.of());
  }

  private Mapped condition(Condition c, String patientId, References refs) throws Unmappable {
    LocalDate date =
        required(
            firstDate(c.getOnset()).or(() -> date(c.getRecordedDateElement())),
            "Condition has no onset or recorded date");
    String title = required(text(c.getCode()), "Condition has no code or text");
    EventType type =
        title.toLowerCase(Locale.ROOT).endsWith("(finding)")
                || hasCategory(c.getCategory(), "symptom")
            ? EventType.SYMPTOM
            : EventType.DIAGNOSIS;
    EventStatus status = clinicalStatus(c.getClinicalStatus(), c.getVerificationStatus());
    ClinicalEvent ev =
        event(patientId, type, title, code(c.getCode()), date, status, c)
            .withSeverity(text(c.getSeverity()).orElse(null));
    Optional<LocalDate> abated = firstDate(c.getAbatement());
    if (abated.isPresent() && !abated.get().isBefore(date)) {
      ev = ev.withEndDate(abated.get());
    }
    ev = site(ev, c.getBodySite(), true);
    return new Mapped(List.of(ev), encounterLink(c, c.getEncounter(), refs));
  }

  private Mapped observation(Observation o, String patientId, References refs) throws Unmappable {
    LocalDate date =
        required(
            firstDate(o.getEffective()).or(() -> date(o.getIssuedElement())),
            "Observation has no effective or issued date");
    String title = required(text(o.getCode()), "Observation has no code or text");
    EventStatus status =
        switch (o.getStatus() == null ? "" : o.getStatus().toCode()) {
          case "final", "amended", "corrected", "preliminary", "registered" -> EventStatus.ACTIVE;
          case "cancelled" -> EventStatus.RESOLVED;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    boolean imaging = hasCategory(o.getCategory(), "imaging");
    EventType type = imaging ? EventType.IMAGING : EventType.OBSERVATION;
    List<ClinicalEvent> events = new ArrayList<>();
    ClinicalEvent main = event(patientId, type, title, code(o.getCode()), date, status, o);
    main = site(main, o.hasBodySite() ? List.of(o.getBodySite()) : List.of(), false);
    main = value(main, o.getValue());
    main = main.withSeverity(text(o.getInterpretationFirstRep()).orElse(null));
    boolean hasComponents = false;
    for (int i = 0; i < o.getComponent().size(); i++) {
      Observation.ObservationComponentComponent comp = o.getComponent().get(i);
      Optional<String> ct = text(comp.getCode());
      if (ct.isEmpty() || !(comp.getValue() instanceof Quantity)) {
        continue;
      }
      hasComponents = true;
      ClinicalEvent ce =
          new ClinicalEvent(
              "",
              patientId,
              type,
              clip(ct.get()),
              code(comp.getCode()),
              date,
              Optional.empty(),
              main.bodyPart(),
              main.laterality(),
              Optional.empty(),
              status,
              OptionalDouble.empty(),
              Optional.empty(),
              new Provenance(
                  Provenance.FHIR,
                  sourceId(o) + "#" + i,
                  java.util.OptionalInt.empty(),
                  java.util.OptionalInt.empty(),
                  java.util.OptionalInt.empty()));
      events.add(value(ce, comp.getValue()));
    }
    if (main.value().isPresent() || !hasComponents) {
      events.addFirst(main);
    }
    List<SourceLink> links = new ArrayList<>(encounterLink(o, o.getEncounter(), refs));
    for (int i = 0; i < o.getComponent().size(); i++) {
      // components belong to their panel's visit too
      for (SourceLink l : encounterLink(o, o.getEncounter(), refs)) {
        links.add(new SourceLink(sourceId(o) + "#" + i, l.toSourceId(), l.relation()));
      }
    }
    return new Mapped(events, links);
  }

  private Mapped medication(MedicationRequest m, String patientId, References refs)
      throws Unmappable {
    LocalDate date =
        required(date(m.getAuthoredOnElement()), "MedicationRequest has no authoredOn date");
    String title;
    Optional<String> code = Optional.empty();
    if (m.hasMedicationCodeableConcept()) {
      title = required(text(m.getMedicationCodeableConcept()), "medication has no name");
      code = code(m.getMedicationCodeableConcept());
    } else if (m.hasMedicationReference() && m.getMedicationReference().hasDisplay()) {
      title = m.getMedicationReference().getDisplay();
    } else {
      throw new Unmappable("MedicationRequest names no medication");
    }
    EventStatus status =
        switch (m.getStatus() == null ? "" : m.getStatus().toCode()) {
          case "active", "on-hold", "draft" -> EventStatus.ACTIVE;
          case "completed", "stopped", "cancelled" -> EventStatus.RESOLVED;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev = event(patientId, EventType.MEDICATION, title, code, date, status, m);
    if (m.hasDispenseRequest() && m.getDispenseRequest().hasValidityPeriod()) {
      ev = ev.withEndDate(end(m.getDispenseRequest().getValidityPeriod(), date).orElse(null));
    }
    List<SourceLink> links = new ArrayList<>(encounterLink(m, m.getEncounter(), refs));
    links.addAll(reasonLinks(m, m.getReasonReference(), refs));
    return new Mapped(List.of(ev), links);
  }

  private Mapped procedure(Procedure p, String patientId, References refs) throws Unmappable {
    LocalDate date = required(firstDate(p.getPerformed()), "Procedure has no performed date");
    String title = required(text(p.getCode()), "Procedure has no code or text");
    EventStatus status =
        switch (p.getStatus() == null ? "" : p.getStatus().toCode()) {
          case "completed", "stopped" -> EventStatus.RESOLVED;
          case "in-progress", "preparation", "on-hold" -> EventStatus.ACTIVE;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev =
        event(patientId, EventType.PROCEDURE, title, code(p.getCode()), date, status, p);
    if (p.getPerformed() instanceof Period period) {
      ev = ev.withEndDate(end(period, date).orElse(null));
    }
    ev = site(ev, p.getBodySite(), true);
    List<SourceLink> links = new ArrayList<>(encounterLink(p, p.getEncounter(), refs));
    links.addAll(reasonLinks(p, p.getReasonReference(), refs));
    return new Mapped(List.of(ev), links);
  }

  private Mapped immunization(Immunization i, String patientId, References refs) throws Unmappable {
    LocalDate date =
        required(
            firstDate(i.getOccurrence()).or(() -> date(i.getRecordedElement())),
            "Immunization has no occurrence date");
    String title = required(text(i.getVaccineCode()), "Immunization names no vaccine");
    EventStatus status =
        switch (i.getStatus() == null ? "" : i.getStatus().toCode()) {
          case "completed" -> EventStatus.RESOLVED;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev =
        event(patientId, EventType.IMMUNIZATION, title, code(i.getVaccineCode()), date, status, i);
    if (i.hasSite()) {
      ev = site(ev, List.of(i.getSite()), false);
    }
    return new Mapped(List.of(ev), encounterLink(i, i.getEncounter(), refs));
  }

  private Mapped allergy(AllergyIntolerance a, String patientId) throws Unmappable {
    LocalDate date =
        required(
            firstDate(a.getOnset()).or(() -> date(a.getRecordedDateElement())),
            "AllergyIntolerance has no onset or recorded date");
    String title = required(text(a.getCode()), "AllergyIntolerance names no substance");
    EventStatus status = clinicalStatus(a.getClinicalStatus(), a.getVerificationStatus());
    String severity = null;
    for (AllergyIntolerance.AllergyIntoleranceReactionComponent rc : a.getReaction()) {
      if (rc.getSeverity() != null) {
        severity = rc.getSeverity().toCode();
      }
    }
    if (severity == null && a.getCriticality() != null) {
      severity = "criticality " + a.getCriticality().toCode();
    }
    ClinicalEvent ev =
        event(patientId, EventType.ALLERGY, title, code(a.getCode()), date, status, a)
            .withSeverity(severity);
    return new Mapped(List.of(ev), List.of());
  }

  private Mapped report(DiagnosticReport d, String patientId, References refs) throws Unmappable {
    LocalDate date =
        required(
            firstDate(d.getEffective()).or(() -> date(d.getIssuedElement())),
            "DiagnosticReport has no effective or issued date");
    String title = required(text(d.getCode()), "DiagnosticReport has no code or text");
    boolean imaging =
        hasCategory(d.getCategory(), "rad")
            || hasCategory(d.getCategory(), "imaging")
            || hasCategory(d.getCategory(), "radiology")
            || !d.getImagingStudy().isEmpty();
    EventStatus status =
        switch (d.getStatus() == null ? "" : d.getStatus().toCode()) {
          case "final", "amended", "corrected", "appended", "preliminary", "partial" ->
              EventStatus.ACTIVE;
          case "cancelled" -> EventStatus.RESOLVED;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev =
        event(
            patientId,
            imaging ? EventType.IMAGING : EventType.OBSERVATION,
            title,
            code(d.getCode()),
            date,
            status,
            d);
    if (d.hasConclusion()) {
      ev = ev.withSeverity(text(d.getConclusionCodeFirstRep()).orElse(null));
    }
    if (imaging) {
      ev = inferSite(ev);
    }
    List<SourceLink> links = new ArrayList<>(encounterLink(d, d.getEncounter(), refs));
    for (Reference result : d.getResult()) {
      refs.sourceId(result)
          .ifPresent(s -> links.add(new SourceLink(s, sourceId(d), EventRelation.PART_OF)));
    }
    return new Mapped(List.of(ev), links);
  }

  private Mapped document(DocumentReference d, String patientId, References refs)
      throws Unmappable {
    Optional<LocalDate> date = Optional.empty();
    if (d.hasContext() && d.getContext().hasPeriod()) {
      date = start(d.getContext().getPeriod());
    }
    if (date.isEmpty()) {
      date = date(d.getDateElement());
    }
    LocalDate when = required(date, "DocumentReference has no context period or date");
    String title =
        text(d.getType()).or(() -> Optional.ofNullable(d.getDescription())).orElse("Document");
    boolean note = hasCategory(d.getCategory(), "clinical-note");
    EventStatus status =
        switch (d.getStatus() == null ? "" : d.getStatus().toCode()) {
          case "current" -> EventStatus.ACTIVE;
          case "superseded" -> EventStatus.RESOLVED;
          case "entered-in-error" -> EventStatus.ENTERED_IN_ERROR;
          default -> EventStatus.UNKNOWN;
        };
    ClinicalEvent ev =
        event(
            patientId,
            note ? EventType.NOTE : EventType.DOCUMENT,
            title,
            code(d.getType()),
            when,
            status,
            d);
    List<SourceLink> links = new ArrayList<>();
    if (d.hasContext()) {
      for (Reference enc : d.getContext().getEncounter()) {
        refs.sourceId(enc)
            .ifPresent(
                s -> links.add(new SourceLink(sourceId(d), s, EventRelation.SAME_ENCOUNTER)));
      }
    }
    return new Mapped(List.of(ev), links);
  }

  // ------------------------------------------------------------------ helpers

  static String sourceId(Resource r) {
    return r.fhirType() + "/" + r.getIdElement().getIdPart();
  }

  private static ClinicalEvent event(
      String patientId,
      EventType type,
      String title,
      Optional<String> code,
      LocalDate date,
      EventStatus status,
      Resource source) {
    return ClinicalEvent.of(
            patientId,
            type,
            clip(title),
            date,
            Provenance.fhir(source.fhirType(), source.getIdElement().getIdPart()))
        .withCode(code.orElse(null))
        .withStatus(status);
  }

  private static String clip(String s) {
    String t = s.strip();
    return t.length() > 2000 ? t.substring(0, 2000) : t;
  }

  private ClinicalEvent site(
      ClinicalEvent ev, List<CodeableConcept> sites, boolean inferFromTitle) {
    for (CodeableConcept site : sites) {
      Optional<String> t = text(site);
      if (t.isPresent()) {
        Optional<Anatomy.Site> s = anatomy.infer(t.get());
        Laterality side = Anatomy.side(t.get());
        if (s.isPresent()) {
          return ev.withBodyPart(
              s.get().part().name(), s.get().part().paired() ? side : Laterality.NONE);
        }
        return ev.withBodyPart(t.get().length() > 200 ? t.get().substring(0, 200) : t.get(), side);
      }
    }
    return inferFromTitle ? inferSite(ev) : ev;
  }

  private ClinicalEvent inferSite(ClinicalEvent ev) {
    return anatomy
        .infer(ev.title())
        .map(s -> ev.withBodyPart(s.part().name(), s.laterality()))
        .orElse(ev);
  }

  private static ClinicalEvent value(ClinicalEvent ev, Type value) {
    if (value instanceof Quantity q && q.hasValue()) {
      double v = q.getValue().doubleValue();
      if (Double.isFinite(v)) {
        String unit = q.hasUnit() ? q.getUnit() : q.getCode();
        return ev.withValue(v, unit == null || unit.length() > 64 ? null : unit);
      }
    }
    return ev;
  }

  private static List<SourceLink> encounterLink(Resource r, Reference enc, References refs) {
    if (enc == null || enc.isEmpty()) {
      return List.of();
    }
    return refs.sourceId(enc)
        .map(s -> List.of(new SourceLink(sourceId(r), s, EventRelation.SAME_ENCOUNTER)))
        .orElse(List.of());
  }

  private static List<SourceLink> reasonLinks(
      Resource r, List<Reference> reasons, References refs) {
    List<SourceLink> out = new ArrayList<>();
    for (Reference reason : reasons) {
      refs.sourceId(reason)
          .ifPresent(s -> out.add(new SourceLink(sourceId(r), s, EventRelation.REASON)));
    }
    return out;
  }

  private static EventStatus clinicalStatus(
      CodeableConcept clinical, CodeableConcept verification) {
    if (verification != null) {
      for (Coding c : verification.getCoding()) {
        if ("entered-in-error".equals(c.getCode())) {
          return EventStatus.ENTERED_IN_ERROR;
        }
      }
    }
    if (clinical != null) {
      for (Coding c : clinical.getCoding()) {
        String code = c.getCode() == null ? "" : c.getCode();
        switch (code) {
          case "active", "recurrence", "relapse" -> {
            return EventStatus.ACTIVE;
          }
          case "inactive", "remission", "resolved" -> {
            return EventStatus.RESOLVED;
          }
          default -> {}
        }
      }
    }
    return EventStatus.UNKNOWN;
  }

  private static boolean hasCategory(List<CodeableConcept> categories, String code) {
    for (CodeableConcept c : categories) {
      for (Coding coding : c.getCoding()) {
        if (code.equalsIgnoreCase(coding.getCode())) {
          return true;
        }
      }
    }
    return false;
  }

  static Optional<String> text(CodeableConcept c) {
    if (c == null) {
      return Optional.empty();
    }
    if (c.hasText() && !c.getText().isBlank()) {
      return Optional.of(c.getText().strip());
    }
    for (Coding coding : c.getCoding()) {
      if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
        return Optional.of(coding.getDisplay().strip());
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstText(List<CodeableConcept> list) {
    for (CodeableConcept c : list) {
      Optional<String> t = text(c);
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  /** "system-short:code" of the first coding with a code, e.g. "SNOMED:65363002". */
  static Optional<String> code(CodeableConcept c) {
    if (c == null) {
      return Optional.empty();
    }
    for (Coding coding : c.getCoding()) {
      if (coding.hasCode()) {
        String v = systemPrefix(coding.getSystem()) + coding.getCode();
        return v.length() > 200 ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> firstCode(List<CodeableConcept> list) {
    for (CodeableConcept c : list) {
      Optional<String> code = code(c);
      if (code.isPresent()) {
        return code;
      }
    }
    return Optional.empty();
  }

  static final Map<String, String> SYSTEMS =
      Map.of(
          "http://snomed.info/sct", "SNOMED:",
          "http://loinc.org", "LOINC:",
          "http://www.nlm.nih.gov/research/umls/rxnorm", "RXNORM:",
          "http://hl7.org/fhir/sid/cvx", "CVX:",
          "http://hl7.org/fhir/sid/icd-10-cm", "ICD10CM:",
          "http://hl7.org/fhir/sid/icd-10", "ICD10:");

  static String systemPrefix(String system) {
    if (system == null || system.isBlank()) {
      return "";
    }
    return SYSTEMS.getOrDefault(system, "");
  }

  /** The system URL for a prefixed code ("SNOMED:123" → snomed URL), for export. */
  static Optional<String> systemOf(String prefixedCode) {
    for (Map.Entry<String, String> e : SYSTEMS.entrySet()) {
      if (prefixedCode.startsWith(e.getValue())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> firstDate(Type t) {
    if (t instanceof BaseDateTimeType d) {
      return date(d);
    }
    if (t instanceof Period p) {
      return start(p);
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> start(Period p) {
    return p == null ? Optional.empty() : date(p.getStartElement());
  }

  private static Optional<LocalDate> end(Period p, LocalDate notBefore) {
    if (p == null) {
      return Optional.empty();
    }
    return date(p.getEndElement()).filter(d -> !d.isBefore(notBefore));
  }

  /**
   * The calendar date exactly as written in the resource (its own time zone), so an onset at
   * 23:30-05:00 stays on that day; partial dates ("2019", "2019-04") become the first day.
   */
  static Optional<LocalDate> date(BaseDateTimeType d) {
    if (d == null || d.isEmpty()) {
      return Optional.empty();
    }
    String s = d.getValueAsString();
    if (s == null) {
      return Optional.empty();
    }
    try {
      if (s.length() >= 10) {
        return Optional.of(LocalDate.parse(s.substring(0, 10)));
      }
      if (s.length() == 7) {
        return Optional.of(LocalDate.parse(s + "-01"));
      }
      if (s.length() == 4) {
        return Optional.of(LocalDate.parse(s + "-01-01"));
      }
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static <T> T required(Optional<T> v, String reason) throws Unmappable {
    if (v.isEmpty()) {
      throw new Unmappable(reason);
    }
    return v.get();
  }
}
