package org.meditwin.imaging.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomInfo;
import org.meditwin.imaging.DicomObject;
import org.meditwin.imaging.DicomReadException;
import org.meditwin.imaging.DicomReadException.Reason;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.ReadLimits;

/**
 * A patient's imaging archive in the encrypted clinical store (ADR 0023, 0126).
 *
 * <p>Every object is validated (parsed completely; an image must not end inside its pixel data)
 * before it is stored, and each object is stored in its own transaction together with its audit
 * entry (PHI_IMPORT), so an import that fails or is cancelled half-way keeps every object it
 * finished and nothing partial. Objects are deduplicated by SOP Instance UID. A study belongs to
 * one patient: objects of a study already archived for another patient are refused ({@link
 * Reason#PATIENT_CONFLICT}).
 *
 * <p>Reads are audited too (PHI_READ): listing a patient's studies, a study's objects, fetching an
 * object's bytes, building a catalog. Audit entries carry opaque archive ids only, never UIDs.
 *
 * <p>Thread-safe (all state is in the store).
 */
public final class ImagingArchive {
  static final String TARGET_INSTANCE = "imaging-instance";
  static final String TARGET_STUDY = "imaging-study";
  static final String TARGET_PATIENT = "patient-imaging";
  private static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";
  private static final int MAX_ORIGIN = 128;

  private final ClinicalStore store;
  private final DicomReader reader;
  private final ReadLimits limits;

  public ImagingArchive(ClinicalStore store, DicomReader reader) {
    this(store, reader, ReadLimits.standard());
  }

  public ImagingArchive(ClinicalStore store, DicomReader reader, ReadLimits limits) {
    this.store = Objects.requireNonNull(store, "store");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Imports objects for a patient.
   *
   * @param origin where they come from ("file", "pacs:&lt;AE&gt;"); kept with each object and in
   *     the audit detail, so it must not contain PHI
   * @param progress (done, total, PHI-free message) after each source
   * @param cancelled checked before each source; objects already stored stay stored
   * @throws IllegalArgumentException when the patient does not exist or the origin is blank/long
   */
  public ImportResult importSources(
      String patientId,
      String origin,
      List<DicomSource> sources,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    Objects.requireNonNull(patientId, "patientId");
    String from = checkOrigin(origin);
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(cancelled, "cancelled");
    requirePatient(patientId);
    List<ArchivedInstance> imported = new ArrayList<>();
    List<Catalog.FileProblem> problems = new ArrayList<>();
    Set<String> studies = new LinkedHashSet<>();
    int duplicates = 0;
    boolean wasCancelled = false;
    long total = sources.size();
    long done = 0;
    for (DicomSource source : sources) {
      if (cancelled.getAsBoolean()) {
        wasCancelled = true;
        break;
      }
      Outcome outcome = importOne(patientId, from, source);
      switch (outcome) {
        case Outcome.Stored s -> {
          imported.add(s.instance());
          studies.add(s.instance().studyInstanceUid());
        }
        case Outcome.Duplicate d -> duplicates++;
        case Outcome.Refused r -> problems.add(r.problem());
        case Outcome.Skipped k -> {}
      }
      done++;
      progress.progress(done, total, "archiving objects");
    }
    return new ImportResult(imported, duplicates, problems, new ArrayList<>(studies), wasCancelled);
  }

  /** Imports one object received as bytes (C-STORE, C-GET, WADO …); see {@link #importSources}. */
  public ImportResult importBytes(String patientId, String origin, byte[] dicom) {
    Objects.requireNonNull(dicom, "dicom");
    return importSources(
        patientId,
        origin,
        List.of(DicomSource.memory("received:" + UUID.randomUUID(), "received object", dicom)),
        ProgressListener.NONE,
        () -> false);
  }

  /** The patient's archived studies, newest study date first; one audit entry. */
  public List<ArchivedStudy> studies(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return store.write(
        tx -> {
          List<ArchivedStudy> studies = new ArrayList<>();
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      STUDY_SELECT
                          + " WHERE s.patient_id = ?"
                          + STUDY_GROUP
                          + " ORDER BY s.study_date DESC, s.imported_at DESC, s.id")) {
            ps.setString(1, patientId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                studies.add(study(rs));
              }
            }
          }
          tx.audit(
              AuditAction.PHI_READ, TARGET_PATIENT, patientId, true, "studies=" + studies.size());
          return studies;
        });
  }

  /** One archived study by its Study Instance UID (audited); empty when not archived. */
  public Optional<ArchivedStudy> study(String studyInstanceUid) {
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    return findStudy("s.study_uid = ?", studyInstanceUid);
  }

  /** One archived study by its archive id (audited); empty when not archived. */
  public Optional<ArchivedStudy> studyById(String id) {
    Objects.requireNonNull(id, "id");
    return findStudy("s.id = ?", id);
  }

  private Optional<ArchivedStudy> findStudy(String where, String value) {
    return store.write(
        tx -> {
          Optional<ArchivedStudy> found = Optional.empty();
          try (PreparedStatement ps =
              tx.connection().prepareStatement(STUDY_SELECT + " WHERE " + where + STUDY_GROUP)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                found = Optional.of(study(rs));
              }
            }
          }
          found.ifPresent(s -> tx.audit(AuditAction.PHI_READ, TARGET_STUDY, s.id(), true, "study"));
          return found;
        });
  }

  /** The objects of a study in series/instance order (audited); empty when not archived. */
  public List<ArchivedInstance> instances(String studyInstanceUid) {
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    return store.write(
        tx -> {
          List<ArchivedInstance> list = new ArrayList<>();
          String studyId = null;
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      INSTANCE_SELECT
                          + " WHERE s.study_uid = ?"
                          + " ORDER BY i.series_number, i.series_uid, i.instance_number, i.id")) {
            ps.setString(1, studyInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                list.add(instance(rs));
                studyId = rs.getString("study_id");
              }
            }
          }
          if (studyId != null) {
            tx.audit(AuditAction.PHI_READ, TARGET_STUDY, studyId, true, "instances=" + list.size());
          }
          return list;
        });
  }

  /**
   * The object's bytes, decrypted from the store (audited).
   *
   * @throws IllegalArgumentException when the object is no longer archived
   */
  public byte[] bytes(ArchivedInstance instance) {
    Objects.requireNonNull(instance, "instance");
    return bytesById(instance.id());
  }

  /**
   * The object as an in-memory source for the reader/viewer: fetched from the store on first use
   * (audited) and kept softly in memory; never written to a file.
   */
  public DicomSource source(ArchivedInstance instance) {
    Objects.requireNonNull(instance, "instance");
    String id = instance.id();
    return DicomSource.memory(key(id), displayName(instance), instance.size(), () -> bytesById(id));
  }

  /**
   * The patient's archived studies as a {@link Catalog} (patient → study → series → instances, in
   * the viewer's order), every instance an in-memory source. One audit entry for the whole catalog;
   * objects whose stored bytes no longer parse are listed in {@link Catalog#problems()}.
   */
  public Catalog catalog(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return catalog(patientId, Optional.empty());
  }

  /**
   * One archived study of the patient as a {@link Catalog} (only its objects are read); an empty
   * catalog when the patient has no such study.
   */
  public Catalog catalog(String patientId, String studyInstanceUid) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    return catalog(patientId, Optional.of(studyInstanceUid));
  }

  private Catalog catalog(String patientId, Optional<String> studyUid) {
    record Loaded(ArchivedInstance instance, String name, byte[] bytes) {}
    List<Loaded> loaded =
        store.write(
            tx -> {
              List<Loaded> rows = new ArrayList<>();
              try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          "SELECT i.id, s.study_uid, i.series_uid, i.sop_instance_uid,"
                              + " i.sop_class_uid, i.transfer_syntax_uid, i.size_bytes,"
                              + " i.modality, i.series_number, i.instance_number, i.data"
                              + " FROM imaging_instance i JOIN imaging_study s ON s.id = i.study_id"
                              + " WHERE s.patient_id = ?"
                              + (studyUid.isPresent() ? " AND s.study_uid = ?" : "")
                              + " ORDER BY s.study_date, s.id, i.series_number, i.instance_number")) {
                ps.setString(1, patientId);
                if (studyUid.isPresent()) {
                  ps.setString(2, studyUid.get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ArchivedInstance instance =
                        new ArchivedInstance(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getLong(7));
                    String name = displayName(rs.getString(8), rs.getInt(9), rs.getInt(10));
                    rows.add(new Loaded(instance, name, rs.getBytes(11)));
                  }
                }
              }
              tx.audit(
                  AuditAction.PHI_READ, TARGET_PATIENT, patientId, true, "catalog=" + rows.size());
              return rows;
            });
    List<Catalog.Instance> instances = new ArrayList<>();
    List<Catalog.FileProblem> problems = new ArrayList<>();
    for (Loaded l : loaded) {
      AtomicReference<byte[]> first = new AtomicReference<>(l.bytes());
      String id = l.instance().id();
      DicomSource source =
          DicomSource.memory(
              key(id),
              l.name(),
              l.bytes().length,
              () -> {
                byte[] b = first.getAndSet(null);
                return b != null ? b : bytesById(id);
              });
      try {
        DicomInfo info = reader.readInfo(source);
        if (!DICOMDIR_CLASS.equals(info.sopClass())) {
          instances.add(new Catalog.Instance(source, info));
        }
      } catch (DicomReadException e) {
        problems.add(new Catalog.FileProblem(l.name(), e.reason(), e.getMessage()));
      }
    }
    return Catalog.of(instances, problems);
  }

  // ---------------------------------------------------------------------------------------------

  private sealed interface Outcome {
    record Stored(ArchivedInstance instance) implements Outcome {}

    record Duplicate() implements Outcome {}

    record Refused(Catalog.FileProblem problem) implements Outcome {}

    record Skipped() implements Outcome {}
  }

  private Outcome importOne(String patientId, String origin, DicomSource source) {
    String name = source.displayName();
    byte[] bytes;
    DicomInfo info;
    try {
      long size = source.size();
      if (size > limits.maxFileBytes()) {
        return refused(
            name,
            Reason.TOO_LARGE,
            "file of "
                + (size >> 20)
                + " MiB is above the limit of "
                + (limits.maxFileBytes() >> 20)
                + " MiB");
      }
      try (InputStream in = source.open()) {
        bytes = in.readNBytes((int) Math.min(limits.maxFileBytes() + 1, Integer.MAX_VALUE - 16));
      }
      if (bytes.length > limits.maxFileBytes()) {
        return refused(name, Reason.TOO_LARGE, "file is above the size limit");
      }
      info = validate(DicomSource.memory("import:" + UUID.randomUUID(), name, bytes));
    } catch (DicomReadException e) {
      return refused(name, e.reason(), e.getMessage());
    } catch (IOException e) {
      return refused(name, Reason.IO, "cannot read the file");
    }
    if (DICOMDIR_CLASS.equals(info.sopClass())) {
      return new Outcome.Skipped();
    }
    if (info.sopInstanceUid().isBlank()
        || info.studyInstanceUid().isBlank()
        || info.seriesInstanceUid().isBlank()) {
      return refused(name, Reason.CORRUPT, "the object lacks a SOP, study or series instance UID");
    }
    if (info.sopInstanceUid().length() > 64
        || info.studyInstanceUid().length() > 64
        || info.seriesInstanceUid().length() > 64) {
      return refused(name, Reason.CORRUPT, "a UID is longer than 64 characters");
    }
    String sha = sha256(bytes);
    return store.write(tx -> storeOne(tx, patientId, origin, name, info, bytes, sha));
  }

  /** Parses the whole object; an image must not end inside its pixel data. */
  private DicomInfo validate(DicomSource source) {
    DicomObject object = reader.open(source);
    DicomInfo info = object.info();
    if (info.hasPixelData()) {
      try {
        object.frame(0);
      } catch (DicomReadException e) {
        if (e.reason() == Reason.TRUNCATED || e.reason() == Reason.NO_PIXEL_DATA) {
          throw e;
        }
        // a valid object this workstation cannot decode is still archived (a PACS may hold it)
      }
    }
    return info;
  }

  private Outcome storeOne(
      ClinicalStore.Tx tx,
      String patientId,
      String origin,
      String name,
      DicomInfo info,
      byte[] bytes,
      String sha)
      throws SQLException {
    Connection c = tx.connection();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT s.patient_id FROM imaging_instance i JOIN imaging_study s ON s.id = i.study_id"
                + " WHERE i.sop_instance_uid = ?")) {
      ps.setString(1, info.sopInstanceUid());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          if (rs.getString(1).equals(patientId)) {
            return new Outcome.Duplicate();
          }
          return conflict(name);
        }
      }
    }
    String studyId = null;
    String studyModality = null;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, patient_id, modality FROM imaging_study WHERE study_uid = ? FOR UPDATE")) {
      ps.setString(1, info.studyInstanceUid());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          if (!rs.getString(2).equals(patientId)) {
            return conflict(name);
          }
          studyId = rs.getString(1);
          studyModality = rs.getString(3);
        }
      }
    }
    String modality = clip(info.modality().strip(), 16);
    if (studyId == null) {
      studyId = UUID.randomUUID().toString();
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO imaging_study (id, study_uid, patient_id, modality, study_date,"
                  + " description, origin, imported_at) VALUES (?,?,?,?,?,?,?,?)")) {
        ps.setString(1, studyId);
        ps.setString(2, info.studyInstanceUid());
        ps.setString(3, patientId);
        ps.setString(4, modality);
        ps.setString(5, clip(info.studyDate().strip(), 16));
        ps.setString(6, clip(info.studyDescription().strip(), 1024));
        ps.setString(7, origin);
        ps.setObject(8, timestamp(tx.now()));
        ps.executeUpdate();
      }
      tx.audit(AuditAction.PHI_CREATE, TARGET_STUDY, studyId, true, "origin=" + origin);
    } else if (!modality.isEmpty() && !modalities(studyModality).contains(modality)) {
      Set<String> all = modalities(studyModality);
      all.add(modality);
      try (PreparedStatement ps =
          c.prepareStatement("UPDATE imaging_study SET modality = ? WHERE id = ?")) {
        ps.setString(1, clip(String.join("/", all), 64));
        ps.setString(2, studyId);
        ps.executeUpdate();
      }
    }
    String id = UUID.randomUUID().toString();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO imaging_instance (id, study_id, series_uid, sop_instance_uid,"
                + " sop_class_uid, transfer_syntax_uid, series_number, instance_number, modality,"
                + " size_bytes, sha256, origin, imported_at, data)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, id);
      ps.setString(2, studyId);
      ps.setString(3, info.seriesInstanceUid());
      ps.setString(4, info.sopInstanceUid());
      ps.setString(5, clip(info.sopClass(), 64));
      ps.setString(6, clip(info.transferSyntax(), 64));
      ps.setInt(7, info.seriesNumber());
      ps.setInt(8, info.instanceNumber());
      ps.setString(9, modality);
      ps.setLong(10, bytes.length);
      ps.setString(11, sha);
      ps.setString(12, origin);
      ps.setObject(13, timestamp(tx.now()));
      ps.setBytes(14, bytes);
      ps.executeUpdate();
    }
    tx.audit(
        AuditAction.PHI_IMPORT,
        TARGET_INSTANCE,
        id,
        true,
        "study=" + studyId + ";origin=" + origin + ";bytes=" + bytes.length);
    return new Outcome.Stored(
        new ArchivedInstance(
            id,
            info.studyInstanceUid(),
            info.seriesInstanceUid(),
            info.sopInstanceUid(),
            info.sopClass(),
            info.transferSyntax(),
            bytes.length));
  }

  private static Outcome conflict(String name) {
    return refused(
        name,
        Reason.PATIENT_CONFLICT,
        "this study is already archived for another patient; it was not imported");
  }

  private static Outcome refused(String name, Reason reason, String message) {
    return new Outcome.Refused(new Catalog.FileProblem(name, reason, message));
  }

  private byte[] bytesById(String id) {
    return store.write(
        tx -> {
          byte[] data = null;
          try (PreparedStatement ps =
              tx.connection().prepareStatement("SELECT data FROM imaging_instance WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                data = rs.getBytes(1);
              }
            }
          }
          tx.audit(AuditAction.PHI_READ, TARGET_INSTANCE, id, data != null, "bytes");
          if (data == null) {
            throw new IllegalArgumentException("This image is no longer in the archive.");
          }
          return data;
        });
  }

  private void requirePatient(String patientId) {
    boolean exists =
        store.read(
            tx -> {
              try (PreparedStatement ps =
                  tx.connection().prepareStatement("SELECT 1 FROM patients WHERE id = ?")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              }
            });
    if (!exists) {
      throw new IllegalArgumentException("The patient does not exist.");
    }
  }

  private static String checkOrigin(String origin) {
    Objects.requireNonNull(origin, "origin");
    String o = origin.strip();
    if (o.isEmpty() || o.length() > MAX_ORIGIN) {
      throw new IllegalArgumentException("The origin must be 1 to " + MAX_ORIGIN + " characters.");
    }
    return o;
  }

  private static final String STUDY_SELECT =
      "SELECT s.id, s.study_uid, s.patient_id, s.modality, s.study_date, s.description,"
          + " COUNT(DISTINCT i.series_uid) AS series_count, COUNT(i.id) AS instance_count,"
          + " s.origin, s.imported_at"
          + " FROM imaging_study s LEFT JOIN imaging_instance i ON i.study_id = s.id";

  private static final String STUDY_GROUP =
      " GROUP BY s.id, s.study_uid, s.patient_id, s.modality, s.study_date, s.description,"
          + " s.origin, s.imported_at";

  private static final String INSTANCE_SELECT =
      "SELECT i.id, s.study_uid, i.series_uid, i.sop_instance_uid, i.sop_class_uid,"
          + " i.transfer_syntax_uid, i.size_bytes, i.study_id"
          + " FROM imaging_instance i JOIN imaging_study s ON s.id = i.study_id";

  private static ArchivedStudy study(ResultSet rs) throws SQLException {
    return new ArchivedStudy(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getObject(10, OffsetDateTime.class).toInstant());
  }

  private static ArchivedInstance instance(ResultSet rs) throws SQLException {
    return new ArchivedInstance(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7));
  }

  private static Set<String> modalities(String joined) {
    Set<String> set = new TreeSet<>();
    for (String m : joined.split("/")) {
      if (!m.isBlank()) {
        set.add(m);
      }
    }
    return set;
  }

  static String key(String instanceId) {
    return "archive:" + instanceId;
  }

  private static String displayName(ArchivedInstance instance) {
    return "archived object " + instance.id().substring(0, Math.min(8, instance.id().length()));
  }

  private static String displayName(String modality, int series, int number) {
    return (modality.isEmpty() ? "object" : modality) + " " + series + "/" + number;
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static OffsetDateTime timestamp(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
