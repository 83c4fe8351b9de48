package org.meditwin.imaging.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * Imaging reports in the encrypted clinical store (ADR 0127), kept like SOAP notes: every call is
 * one audited transaction — PHI_CREATE, PHI_UPDATE (draft edits), PHI_READ, PHI_APPROVE (sign),
 * PHI_AMEND, EXPORT (PDF) — with the opaque report id only. A signed report never changes: edits
 * are refused ({@link ReportLockedException}) and {@link #amend} appends the full new content with
 * a reason, keeping the signed content and every earlier amendment.
 */
public final class ReportService {
  /** Upper bound for an amendment reason. */
  public static final int MAX_REASON_CHARS = 4000;

  /** Upper bound for a key image (PNG bytes). */
  public static final int MAX_KEY_IMAGE_BYTES = 16 << 20;

  static final String TARGET = "imaging-report";

  private final UserSession session;

  private ReportService(UserSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  public static ReportService of(UserSession session) {
    return new ReportService(session);
  }

  private ClinicalStore store() {
    return session.clinicalStore();
  }

  /**
   * A new draft report for a study of a patient.
   *
   * @throws IllegalArgumentException when the patient does not exist or the key image is too large
   */
  public ImagingReport create(
      String patientId,
      String studyInstanceUid,
      Optional<String> archiveStudyId,
      ReportContent content,
      StructuredFindings findings,
      Optional<byte[]> keyImagePng) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    Objects.requireNonNull(archiveStudyId, "archiveStudyId");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(findings, "findings");
    checkImage(keyImagePng);
    if (studyInstanceUid.isBlank() || studyInstanceUid.length() > 64) {
      throw new IllegalArgumentException("The study has no valid Study Instance UID.");
    }
    String id = UUID.randomUUID().toString();
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (!patientExists(c, patientId)) {
                throw new IllegalArgumentException("The patient no longer exists.");
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO imaging_report (id, patient_id, study_uid, study_id, template,"
                          + " status, revision, content, findings, key_image, created_at,"
                          + " updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, patientId);
                ps.setString(3, studyInstanceUid);
                ps.setString(4, archiveStudyId.orElse(null));
                ps.setString(5, content.template().name());
                ps.setString(6, ImagingReport.Status.DRAFT.name());
                ps.setInt(7, 1);
                ps.setString(8, ReportCodec.encode(content));
                ps.setString(9, ReportCodec.encode(findings));
                ps.setBytes(10, keyImagePng.orElse(null));
                ps.setObject(11, timestamp(tx.now()));
                ps.setObject(12, timestamp(tx.now()));
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_CREATE, TARGET, id, true, "template=" + content.template());
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Saves an edited draft (content, findings and key image).
   *
   * @throws ReportLockedException when the report is signed
   * @throws IllegalArgumentException when the report does not exist
   */
  public ImagingReport saveDraft(
      String id, ReportContent content, StructuredFindings findings, Optional<byte[]> keyImage) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(findings, "findings");
    checkImage(keyImage);
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != ImagingReport.Status.DRAFT) {
                throw new ReportLockedException();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE imaging_report SET content = ?, findings = ?, template = ?,"
                          + " key_image = COALESCE(?, key_image), updated_at = ?,"
                          + " revision = revision + 1 WHERE id = ?")) {
                ps.setString(1, ReportCodec.encode(content));
                ps.setString(2, ReportCodec.encode(findings));
                ps.setString(3, content.template().name());
                ps.setBytes(4, keyImage.orElse(null));
                ps.setObject(5, timestamp(tx.now()));
                ps.setString(6, id);
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_UPDATE, TARGET, id, true, "draft");
              return load(c, id).orElseThrow();
            });
  }

  /** The report (audited); empty when it does not exist. */
  public Optional<ImagingReport> find(String id) {
    Objects.requireNonNull(id, "id");
    return store()
        .write(
            tx -> {
              Optional<ImagingReport> r = load(tx.connection(), id);
              tx.audit(AuditAction.PHI_READ, TARGET, id, r.isPresent(), "");
              return r;
            });
  }

  /** A patient's reports, newest change first; one audit entry. */
  public List<ImagingReport> forPatient(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return list("patient_id = ?", patientId, "patient-imaging-reports", patientId);
  }

  /** The reports of one study, newest change first; one audit entry. */
  public List<ImagingReport> forStudy(String studyInstanceUid) {
    Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
    return list("study_uid = ?", studyInstanceUid, null, null);
  }

  private List<ImagingReport> list(String where, String value, String target, String targetId) {
    return store()
        .write(
            tx -> {
              List<String> ids = new ArrayList<>();
              try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          "SELECT id FROM imaging_report WHERE "
                              + where
                              + " ORDER BY updated_at DESC, id")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ids.add(rs.getString(1));
                  }
                }
              }
              List<ImagingReport> out = new ArrayList<>();
              for (String id : ids) {
                load(tx.connection(), id).ifPresent(out::add);
              }
              if (target != null) {
                tx.audit(AuditAction.PHI_READ, target, targetId, true, "reports=" + out.size());
              } else {
                for (ImagingReport r : out) {
                  tx.audit(AuditAction.PHI_READ, TARGET, r.id(), true, "by study");
                }
              }
              return out;
            });
  }

  /**
   * The signed-in clinician signs the report as stored now; the signer, time and SHA-256 of the
   * content are recorded and the commit is synced. Immutable afterwards.
   *
   * @throws ReportLockedException when it is already signed
   */
  public ImagingReport sign(String id) {
    Objects.requireNonNull(id, "id");
    String pseudonym = store().actorPseudonym();
    String name = session.user().displayName();
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != ImagingReport.Status.DRAFT) {
                throw new ReportLockedException();
              }
              String content = column(c, id, "content");
              String sha = ReportCodec.sha256(content);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE imaging_report SET status = ?, signed_by = ?, signed_by_name = ?,"
                          + " signed_at = ?, signed_content = ?, signed_sha256 = ?,"
                          + " updated_at = ?, revision = revision + 1 WHERE id = ?")) {
                ps.setString(1, ImagingReport.Status.SIGNED.name());
                ps.setString(2, pseudonym);
                ps.setString(3, name);
                ps.setObject(4, timestamp(tx.now()));
                ps.setString(5, content);
                ps.setString(6, sha);
                ps.setObject(7, timestamp(tx.now()));
                ps.setString(8, id);
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_APPROVE, TARGET, id, true, "sha256=" + sha);
              tx.syncAfterCommit();
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Amends a signed report: reason, author and the full new content; the signed content and earlier
   * amendments stay.
   *
   * @throws IllegalArgumentException when the reason is blank or too long
   * @throws IllegalStateException when the report is still a draft (edit it instead)
   */
  public ImagingReport amend(String id, String reason, ReportContent newContent) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(newContent, "newContent");
    String why = reason == null ? "" : reason.strip();
    if (why.isEmpty()) {
      throw new IllegalArgumentException("An amendment needs a reason.");
    }
    if (why.length() > MAX_REASON_CHARS) {
      throw new IllegalArgumentException(
          "The amendment reason is too long (at most " + MAX_REASON_CHARS + " characters).");
    }
    String pseudonym = store().actorPseudonym();
    String name = session.user().displayName();
    String content = ReportCodec.encode(newContent);
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != ImagingReport.Status.SIGNED) {
                throw new IllegalStateException("Only signed reports are amended; edit the draft.");
              }
              int seq;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT COALESCE(MAX(seq), 0) + 1 FROM imaging_report_amendment"
                          + " WHERE report_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  seq = rs.getInt(1);
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO imaging_report_amendment (report_id, seq, reason, author,"
                          + " author_name, amended_at, content, content_sha256)"
                          + " VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setInt(2, seq);
                ps.setString(3, why);
                ps.setString(4, pseudonym);
                ps.setString(5, name);
                ps.setObject(6, timestamp(tx.now()));
                ps.setString(7, content);
                ps.setString(8, ReportCodec.sha256(content));
                ps.executeUpdate();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE imaging_report SET content = ?, template = ?, updated_at = ?,"
                          + " revision = revision + 1 WHERE id = ?")) {
                ps.setString(1, content);
                ps.setString(2, newContent.template().name());
                ps.setObject(3, timestamp(tx.now()));
                ps.setString(4, id);
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_AMEND, TARGET, id, true, "amendment=" + seq);
              tx.syncAfterCommit();
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Writes the report as PDF (key image, technique, findings table, impression, signer and time,
   * amendments) to {@code out} atomically; audited as EXPORT.
   *
   * @param patientLabel the patient line printed in the header (name, MRN), chosen by the caller
   * @throws IllegalArgumentException when the report does not exist
   * @throws ReportPdf.PdfFontsMissingException when fonts-dejavu-core is not installed
   */
  public Path exportPdf(String id, String patientLabel, ZoneId zone, Path out) throws IOException {
    Objects.requireNonNull(out, "out");
    ImagingReport report =
        find(id).orElseThrow(() -> new IllegalArgumentException("The report does not exist."));
    byte[] pdf = ReportPdf.render(report, patientLabel, zone, ReportPdf.Fonts.system());
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".report-", ".pdf.part");
    try {
      Files.write(tmp, pdf);
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    store()
        .write(
            tx -> {
              tx.audit(AuditAction.EXPORT, TARGET, id, true, "pdf");
              return null;
            });
    return out;
  }

  // ---------------------------------------------------------------------------------------------

  private static void checkImage(Optional<byte[]> png) {
    Objects.requireNonNull(png, "keyImagePng");
    if (png.isPresent() && png.get().length > MAX_KEY_IMAGE_BYTES) {
      throw new IllegalArgumentException("The key image is too large.");
    }
  }

  private static boolean patientExists(Connection c, String patientId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM patients WHERE id = ?")) {
      ps.setString(1, patientId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static ImagingReport.Status lockRow(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status FROM imaging_report WHERE id = ? FOR UPDATE")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("The report does not exist.");
        }
        return ImagingReport.Status.valueOf(rs.getString(1));
      }
    }
  }

  private static String column(Connection c, String id, String column) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + column + " FROM imaging_report WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static Optional<ImagingReport> load(Connection c, String id) throws SQLException {
    ImagingReport.Status status;
    String patient;
    String study;
    String studyId;
    String content;
    String findings;
    byte[] image;
    Instant created;
    Instant updated;
    Optional<ImagingReport.Signature> signature = Optional.empty();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT patient_id, study_uid, study_id, status, content, findings, key_image,"
                + " created_at, updated_at, signed_by, signed_by_name, signed_at, signed_content,"
                + " signed_sha256 FROM imaging_report WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        patient = rs.getString(1);
        study = rs.getString(2);
        studyId = rs.getString(3);
        status = ImagingReport.Status.valueOf(rs.getString(4));
        content = rs.getString(5);
        findings = rs.getString(6);
        image = rs.getBytes(7);
        created = rs.getObject(8, OffsetDateTime.class).toInstant();
        updated = rs.getObject(9, OffsetDateTime.class).toInstant();
        if (status == ImagingReport.Status.SIGNED) {
          signature =
              Optional.of(
                  new ImagingReport.Signature(
                      rs.getString(10),
                      rs.getString(11),
                      rs.getObject(12, OffsetDateTime.class).toInstant(),
                      ReportCodec.decodeContent(rs.getString(13)),
                      rs.getString(14)));
        }
      }
    }
    List<ImagingReport.Amendment> amendments = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, reason, author, author_name, amended_at, content, content_sha256"
                + " FROM imaging_report_amendment WHERE report_id = ? ORDER BY seq")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          amendments.add(
              new ImagingReport.Amendment(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getObject(5, OffsetDateTime.class).toInstant(),
                  ReportCodec.decodeContent(rs.getString(6)),
                  rs.getString(7)));
        }
      }
    }
    return Optional.of(
        new ImagingReport(
            id,
            patient,
            study,
            Optional.ofNullable(studyId),
            ReportCodec.decodeContent(content),
            ReportCodec.decodeFindings(findings),
            status,
            created,
            updated,
            signature,
            amendments,
            Optional.ofNullable(image)));
  }

  private static OffsetDateTime timestamp(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
