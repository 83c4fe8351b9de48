package org.meditwin.record.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.TimelineService;
import org.meditwin.record.TimelineService.SourceLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports FHIR R4 JSON (Bundles and bulk NDJSON of Patient, Encounter, Condition, Observation,
 * MedicationRequest, Procedure, Immunization, AllergyIntolerance, DiagnosticReport,
 * DocumentReference) into patients and their timelines.
 *
 * <ul>
 *   <li>Patients are matched by their medical record number (the identifier of type MR, else the
 *       first identifier, else the FHIR id) or created; Synthea patients are flagged synthetic.
 *   <li>Events carry their clinical date and provenance "fhir ResourceType/id"; importing the same
 *       data again updates events in place instead of duplicating them.
 *   <li>All or nothing per patient: a patient's events are stored in one transaction, and a patient
 *       created by a failed import is removed again.
 *   <li>Malformed or unusable resources are listed in {@link FhirImportResult#skipped()} with a
 *       PHI-free reason; everything else continues.
 * </ul>
 */
public final class FhirImport {
  private static final Logger LOG = LoggerFactory.getLogger(FhirImport.class);
  private static final Pattern MRN_OK = Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N} ._/#-]*$");
  private static final Pattern PHONE_OK = Pattern.compile("^[0-9+()./#*\\- xXextEXT]*$");
  private static final Pattern EMAIL_OK = Pattern.compile("^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$");

  private final UserSession session;
  private final TimelineService timeline;
  private final FhirMapper mapper = new FhirMapper();

  private FhirImport(UserSession session) {
    this.session = session;
    this.timeline = TimelineService.of(session);
  }

  public static FhirImport of(UserSession session) {
    return new FhirImport(session);
  }

  /**
   * Imports a Bundle or resource ({@code .json}), a bulk file ({@code .ndjson}) or a folder of
   * them.
   *
   * @throws IOException when the path cannot be read at all (a missing file, an empty folder)
   */
  public FhirImportResult importPath(Path path, ProgressListener progress) throws IOException {
    progress.progress(0, -1, "Reading FHIR resources");
    return importRead(new FhirReader().read(path), progress);
  }

  /** Imports one NDJSON stream (bulk export file); {@code source} names it in the report. */
  public FhirImportResult importNdjson(InputStream in, String source, ProgressListener progress)
      throws IOException {
    List<FhirReader.Located> out = new ArrayList<>();
    List<FhirSkipped> skipped = new ArrayList<>();
    new FhirReader().readNdjson(in, source, out, skipped);
    return importRead(new FhirReader.Read(out, skipped), progress);
  }

  /** Imports one JSON Bundle (or single resource) stream. */
  public FhirImportResult importBundle(InputStream in, String source, ProgressListener progress)
      throws IOException {
    List<FhirReader.Located> out = new ArrayList<>();
    List<FhirSkipped> skipped = new ArrayList<>();
    new FhirReader().readJson(in, source, out, skipped);
    return importRead(new FhirReader.Read(out, skipped), progress);
  }

  private FhirImportResult importRead(FhirReader.Read read, ProgressListener progress) {
    List<FhirSkipped> skipped = new ArrayList<>(read.skipped());
    Map<String, String> byFullUrl = new LinkedHashMap<>();
    List<FhirReader.Located> usable = new ArrayList<>();
    for (FhirReader.Located l : read.resources()) {
      Resource r = l.resource();
      if (!r.getIdElement().hasIdPart()) {
        if (l.fullUrl().startsWith("urn:uuid:")) {
          r.setId(l.fullUrl().substring("urn:uuid:".length()));
        } else {
          skipped.add(new FhirSkipped(l.source(), l.item(), "resource without an id"));
          continue;
        }
      }
      if (!l.fullUrl().isEmpty()) {
        byFullUrl.put(l.fullUrl(), FhirMapper.sourceId(r));
      }
      usable.add(l);
    }
    FhirMapper.References refs = ref -> resolve(ref, byFullUrl);

    Map<String, Patient> patients = new LinkedHashMap<>();
    Map<String, List<FhirReader.Located>> byPatient = new LinkedHashMap<>();
    for (FhirReader.Located l : usable) {
      Resource r = l.resource();
      if (r instanceof Patient p) {
        patients.putIfAbsent(p.getIdElement().getIdPart(), p);
        byPatient.computeIfAbsent(p.getIdElement().getIdPart(), k -> new ArrayList<>());
        continue;
      }
      if (!FhirMapper.supported(r.fhirType())) {
        skipped.add(
            new FhirSkipped(l.source(), label(l), "resource type not imported: " + r.fhirType()));
        continue;
      }
      Optional<String> patient =
          subject(r).flatMap(refs::sourceId).filter(s -> s.startsWith("Patient/"));
      if (patient.isEmpty()) {
        skipped.add(new FhirSkipped(l.source(), label(l), "no patient reference"));
        continue;
      }
      byPatient
          .computeIfAbsent(patient.get().substring("Patient/".length()), k -> new ArrayList<>())
          .add(l);
    }

    int done = 0;
    int importedPatients = 0;
    int created = 0;
    int events = 0;
    int links = 0;
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, List<FhirReader.Located>> group : byPatient.entrySet()) {
      progress.progress(done++, byPatient.size(), "Importing patients");
      PatientOutcome outcome =
          importPatient(
              group.getKey(), patients.get(group.getKey()), group.getValue(), refs, skipped);
      if (outcome != null) {
        importedPatients++;
        created += outcome.created ? 1 : 0;
        events += outcome.events;
        links += outcome.links;
        ids.add(outcome.patientId);
      }
    }
    progress.progress(byPatient.size(), byPatient.size(), "Import finished");
    LOG.info(
        "FHIR import: {} patients, {} events, {} links, {} skipped",
        importedPatients,
        events,
        links,
        skipped.size());
    return new FhirImportResult(importedPatients, created, events, links, ids, skipped);
  }

  private record PatientOutcome(String patientId, boolean created, int events, int links) {}

  private PatientOutcome importPatient(
      String fhirPatientId,
      Patient resource,
      List<FhirReader.Located> items,
      FhirMapper.References refs,
      List<FhirSkipped> skipped) {
    String label = "Patient/" + fhirPatientId;
    String mrn = mrn(resource, fhirPatientId);
    Optional<org.meditwin.core.domain.Patient> existing = findByMrn(mrn);
    if (existing.isEmpty() && resource == null) {
      for (FhirReader.Located l : items) {
        skipped.add(
            new FhirSkipped(
                l.source(), label(l), "its patient is neither in this import nor known"));
      }
      return null;
    }
    boolean created = false;
    String patientId;
    if (existing.isPresent()) {
      patientId = existing.get().id().value();
    } else {
      try {
        PatientInput input = input(resource, mrn);
        PatientService ps = session.patients();
        patientId =
            (synthetic(resource) ? ps.createSynthetic(input) : ps.create(input)).id().value();
        created = true;
      } catch (IllegalArgumentException e) {
        skipped.add(new FhirSkipped("patient", label, "patient not created: " + e.getMessage()));
        for (FhirReader.Located l : items) {
          skipped.add(new FhirSkipped(l.source(), label(l), "its patient could not be created"));
        }
        return null;
      }
    }
    List<ClinicalEvent> evs = new ArrayList<>();
    List<SourceLink> links = new ArrayList<>();
    for (FhirReader.Located l : items) {
      try {
        FhirMapper.Mapped m = mapper.map(l.resource(), patientId, refs);
        evs.addAll(m.events());
        links.addAll(m.links());
      } catch (FhirMapper.Unmappable e) {
        skipped.add(new FhirSkipped(l.source(), label(l), e.getMessage()));
      } catch (IllegalArgumentException e) {
        skipped.add(new FhirSkipped(l.source(), label(l), "unusable values: " + e.getMessage()));
      }
    }
    try {
      TimelineService.ImportOutcome o = timeline.importEvents(patientId, evs, links);
      return new PatientOutcome(patientId, created, o.events().size(), o.links());
    } catch (RuntimeException e) {
      // all or nothing: the events rolled back; remove the patient this import created
      if (created) {
        try {
          session.patients().delete(new PatientId(patientId));
        } catch (RuntimeException cleanup) {
          LOG.warn(
              "could not remove a patient after a failed import: {}",
              cleanup.getClass().getSimpleName());
        }
      }
      skipped.add(
          new FhirSkipped(
              "patient", label, "nothing imported for this patient: " + safeMessage(e)));
      return null;
    }
  }

  private static String safeMessage(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private Optional<org.meditwin.core.domain.Patient> findByMrn(String mrn) {
    return session.patients().search(mrn, 20).stream()
        .filter(p -> p.mrn().equalsIgnoreCase(mrn))
        .findFirst();
  }

  static String mrn(Patient p, String fhirId) {
    String v = null;
    if (p != null) {
      for (Identifier id : p.getIdentifier()) {
        if (id.hasType()
            && id.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode()))
            && id.hasValue()) {
          v = id.getValue();
          break;
        }
      }
      if (v == null) {
        for (Identifier id : p.getIdentifier()) {
          if (id.hasValue() && !id.hasType()) {
            v = id.getValue();
            break;
          }
        }
      }
    }
    if (v == null || v.isBlank()) {
      v = fhirId;
    }
    String m = v.strip().replaceAll("[^\\p{L}\\p{N} ._/#-]", "-");
    m = m.replaceFirst("^[^\\p{L}\\p{N}]+", "");
    if (m.length() > 64) {
      m = m.substring(0, 64);
    }
    return MRN_OK.matcher(m).matches() ? m : "FHIR-" + Integer.toHexString(v.hashCode());
  }

  private static boolean synthetic(Patient p) {
    for (Identifier id : p.getIdentifier()) {
      if (id.hasSystem() && id.getSystem().toLowerCase(Locale.ROOT).contains("synthea")) {
        return true;
      }
    }
    return p.hasMeta()
        && p.getMeta().getTag().stream()
            .anyMatch(
                t -> t.hasCode() && t.getCode().toLowerCase(Locale.ROOT).contains("synthetic"));
  }

  private static PatientInput input(Patient p, String mrn) {
    HumanName name = null;
    for (HumanName n : p.getName()) {
      if (n.getUse() == HumanName.NameUse.OFFICIAL) {
        name = n;
        break;
      }
    }
    if (name == null && p.hasName()) {
      name = p.getNameFirstRep();
    }
    String given = "";
    String family = "";
    if (name != null) {
      given =
          String.join(
              " ", name.getGiven().stream().map(g -> g.getValue()).filter(v -> v != null).toList());
      family = name.hasFamily() ? name.getFamily() : "";
      if (given.isBlank() && family.isBlank() && name.hasText()) {
        family = name.getText();
      }
    }
    if (given.isBlank() && family.isBlank()) {
      family = "Unnamed FHIR patient";
    }
    Optional<java.time.LocalDate> birth = FhirMapper.date(p.getBirthDateElement());
    Sex sex =
        p.getGender() == null
            ? Sex.UNKNOWN
            : switch (p.getGender()) {
              case FEMALE -> Sex.FEMALE;
              case MALE -> Sex.MALE;
              case OTHER -> Sex.OTHER;
              default -> Sex.UNKNOWN;
            };
    String phone = "";
    String email = "";
    for (ContactPoint c : p.getTelecom()) {
      if (c.getSystem() == ContactPoint.ContactPointSystem.PHONE
          && phone.isEmpty()
          && c.hasValue()) {
        String v = c.getValue().strip();
        if (v.length() <= 64
            && PHONE_OK.matcher(v).matches()
            && v.replaceAll("\\D", "").length() >= 3) {
          phone = v;
        }
      }
      if (c.getSystem() == ContactPoint.ContactPointSystem.EMAIL
          && email.isEmpty()
          && c.hasValue()) {
        String v = c.getValue().strip();
        if (v.length() <= 254 && EMAIL_OK.matcher(v).matches()) {
          email = v;
        }
      }
    }
    String address = "";
    if (p.hasAddress()) {
      Address a = p.getAddressFirstRep();
      List<String> parts = new ArrayList<>();
      a.getLine().forEach(l -> parts.add(l.getValue()));
      parts.add(a.getCity());
      parts.add(a.getState());
      parts.add(a.getPostalCode());
      parts.add(a.getCountry());
      address = String.join(", ", parts.stream().filter(s -> s != null && !s.isBlank()).toList());
      if (address.length() > 1000) {
        address = address.substring(0, 1000);
      }
    }
    return new PatientInput(
        mrn,
        clip(given, 200),
        clip(family, 200),
        birth,
        sex,
        phone,
        email,
        address,
        "Imported from FHIR R4.");
  }

  private static String clip(String s, int max) {
    String t = s.strip().replaceAll("\\p{Cntrl}", " ");
    return t.length() > max ? t.substring(0, max) : t;
  }

  private static String label(FhirReader.Located l) {
    Resource r = l.resource();
    return r.getIdElement().hasIdPart() ? FhirMapper.sourceId(r) : l.item();
  }

  static Optional<Reference> subject(Resource r) {
    Reference ref =
        switch (r) {
          case Encounter e -> e.getSubject();
          case Condition c -> c.getSubject();
          case Observation o -> o.getSubject();
          case MedicationRequest m -> m.getSubject();
          case Procedure p -> p.getSubject();
          case Immunization i -> i.getPatient();
          case AllergyIntolerance a -> a.getPatient();
          case DiagnosticReport d -> d.getSubject();
          case DocumentReference d -> d.getSubject();
          default -> null;
        };
    return ref == null || ref.isEmpty() ? Optional.empty() : Optional.of(ref);
  }

  /** "Type/id" of a literal reference (relative, absolute or urn:uuid via the Bundle). */
  static Optional<String> resolve(Reference ref, Map<String, String> byFullUrl) {
    if (ref == null || !ref.hasReference()) {
      return Optional.empty();
    }
    String s = ref.getReference().strip();
    if (s.startsWith("urn:uuid:") || s.startsWith("urn:oid:")) {
      return Optional.ofNullable(byFullUrl.get(s));
    }
    if (s.contains("?")) {
      return Optional.empty(); // conditional reference (Practitioner?identifier=...)
    }
    String mapped = byFullUrl.get(s);
    if (mapped != null) {
      return Optional.of(mapped);
    }
    int hist = s.indexOf("/_history");
    if (hist > 0) {
      s = s.substring(0, hist);
    }
    String[] parts = s.split("/");
    if (parts.length < 2) {
      return Optional.empty();
    }
    String type = parts[parts.length - 2];
    String id = parts[parts.length - 1];
    if (type.isEmpty() || id.isEmpty() || !Character.isUpperCase(type.charAt(0))) {
      return Optional.empty();
    }
    return Optional.of(type + "/" + id);
  }
}
