package org.meditwin.notes;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SoapDraft;

/**
 * SOAP notes in the encrypted clinical store (ADR 0095). Every call is one audited transaction:
 * PHI_CREATE (new draft), PHI_UPDATE (autosave), PHI_READ (find, forPatient), PHI_APPROVE,
 * PHI_AMEND, PHI_DELETE (discarded draft), EXPORT (PDF). Audit entries carry only the opaque note
 * id and PHI-free detail.
 *
 * <p>Drafts are saved on every change (the caller autosaves); approval and amendments are forced to
 * stable storage before they return. An approved note never changes again: {@link #saveDraft}
 * refuses it and {@link #amend} appends an {@link Amendment} with the full new content, keeping the
 * approved content and every earlier amendment.
 */
public final class NoteService {
  /** Upper bound for a transcript (characters): a full day of dictation fits many times. */
  public static final int MAX_TRANSCRIPT_CHARS = 2_000_000;

  /** Upper bound for an amendment reason. */
  public static final int MAX_REASON_CHARS = 4000;

  static final String TARGET = "soap-note";

  private final UserSession session;

  private NoteService(UserSession session) {
    this.session = Objects.requireNonNull(session, "session");
  }

  public static NoteService of(UserSession session) {
    return new NoteService(session);
  }

  private ClinicalStore store() {
    return session.clinicalStore();
  }

  /**
   * Creates a draft note for a patient (optionally for one of their visits).
   *
   * @throws IllegalArgumentException when the patient does not exist or the transcript is too long
   */
  public SoapNote createDraft(
      String patientId, Optional<String> visitId, String transcript, SoapDraft draft) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(draft, "draft");
    String text = checkTranscript(transcript);
    NoteId id = NoteId.random();
    String content = NoteContentCodec.encode(draft);
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (!patientExists(c, patientId)) {
                throw new IllegalArgumentException("The patient no longer exists.");
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO soap_note (id, patient_id, visit_id, template, status, revision,"
                          + " transcript, content, created_at, updated_at)"
                          + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id.value());
                ps.setString(2, patientId);
                ps.setString(3, visitId.orElse(null));
                ps.setString(4, draft.template().name());
                ps.setString(5, NoteStatus.DRAFT.name());
                ps.setInt(6, 1);
                ps.setString(7, text);
                ps.setString(8, content);
                ps.setObject(9, timestamp(tx.now()));
                ps.setObject(10, timestamp(tx.now()));
                ps.executeUpdate();
              }
              tx.audit(
                  AuditAction.PHI_CREATE,
                  TARGET,
                  id.value(),
                  true,
                  "template=" + draft.template().name());
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Autosave: replaces a draft's transcript and content. Every call is persisted and audited.
   *
   * @throws NoteLockedException when the note is approved
   * @throws NoteNotFoundException when the note does not exist
   */
  public SoapNote saveDraft(NoteId id, String transcript, SoapDraft draft) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(draft, "draft");
    String text = checkTranscript(transcript);
    String content = NoteContentCodec.encode(draft);
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              NoteStatus status = lockRow(c, id);
              if (status != NoteStatus.DRAFT) {
                throw new NoteLockedException();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE soap_note SET transcript = ?, content = ?, template = ?,"
                          + " updated_at = ?, revision = revision + 1 WHERE id = ?")) {
                ps.setString(1, text);
                ps.setString(2, content);
                ps.setString(3, draft.template().name());
                ps.setObject(4, timestamp(tx.now()));
                ps.setString(5, id.value());
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_UPDATE, TARGET, id.value(), true, "autosave");
              return load(c, id).orElseThrow();
            });
  }

  /** The note, audited as a read; empty when it does not exist. */
  public Optional<SoapNote> find(NoteId id) {
    Objects.requireNonNull(id, "id");
    return store()
        .write(
            tx -> {
              Optional<SoapNote> note = load(tx.connection(), id);
              tx.audit(AuditAction.PHI_READ, TARGET, id.value(), note.isPresent(), "");
              return note;
            });
  }

  /** A patient's notes, newest change first; one audit entry naming the patient id. */
  public List<SoapNote> forPatient(String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return store()
        .write(
            tx -> {
              List<NoteId> ids = new ArrayList<>();
              try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          "SELECT id FROM soap_note WHERE patient_id = ?"
                              + " ORDER BY updated_at DESC, id")) {
                ps.setString(1, patientId);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    ids.add(new NoteId(rs.getString(1)));
                  }
                }
              }
              List<SoapNote> notes = new ArrayList<>();
              for (NoteId id : ids) {
                load(tx.connection(), id).ifPresent(notes::add);
              }
              tx.audit(
                  AuditAction.PHI_READ, "patient-notes", patientId, true, "notes=" + notes.size());
              return notes;
            });
  }

  /**
   * Every note of the workstation (for rebuilding the clinic's note index), oldest first; one audit
   * entry.
   */
  public List<SoapNote> all() {
    return store()
        .write(
            tx -> {
              List<NoteId> ids = new ArrayList<>();
              try (PreparedStatement ps =
                      tx.connection()
                          .prepareStatement("SELECT id FROM soap_note ORDER BY created_at, id");
                  ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  ids.add(new NoteId(rs.getString(1)));
                }
              }
              List<SoapNote> notes = new ArrayList<>();
              for (NoteId id : ids) {
                load(tx.connection(), id).ifPresent(notes::add);
              }
              tx.audit(AuditAction.PHI_READ, TARGET, "*", true, "notes=" + notes.size());
              return notes;
            });
  }

  /** Number of notes (no PHI, not audited). */
  public int count() {
    return store()
        .read(
            tx -> {
              try (PreparedStatement ps =
                      tx.connection().prepareStatement("SELECT COUNT(*) FROM soap_note");
                  ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
              }
            });
  }

  /**
   * The signed-in clinician approves the note as it is stored now: who (pseudonym and display name)
   * and when are recorded with a SHA-256 of the approved content; the commit is synced.
   *
   * @throws NoteLockedException when it is already approved
   */
  public SoapNote approve(NoteId id) {
    Objects.requireNonNull(id, "id");
    String pseudonym = store().actorPseudonym();
    String name = session.user().displayName();
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != NoteStatus.DRAFT) {
                throw new NoteLockedException();
              }
              String content = contentOf(c, id);
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE soap_note SET status = ?, approved_by = ?, approved_by_name = ?,"
                          + " approved_at = ?, approved_content = ?, approved_sha256 = ?,"
                          + " updated_at = ?, revision = revision + 1 WHERE id = ?")) {
                ps.setString(1, NoteStatus.APPROVED.name());
                ps.setString(2, pseudonym);
                ps.setString(3, name);
                ps.setObject(4, timestamp(tx.now()));
                ps.setString(5, content);
                ps.setString(6, NoteContentCodec.sha256(content));
                ps.setObject(7, timestamp(tx.now()));
                ps.setString(8, id.value());
                ps.executeUpdate();
              }
              tx.audit(
                  AuditAction.PHI_APPROVE,
                  TARGET,
                  id.value(),
                  true,
                  "sha256=" + NoteContentCodec.sha256(content));
              tx.syncAfterCommit();
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Records an amendment to an approved note: the reason, the signed-in author and the full new
   * content. The approved content and earlier amendments stay as they were.
   *
   * @throws IllegalArgumentException when the reason is blank or too long
   * @throws IllegalStateException when the note is still a draft (edit it instead)
   */
  public SoapNote amend(NoteId id, String reason, SoapDraft newContent) {
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
    String content = NoteContentCodec.encode(newContent);
    return store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != NoteStatus.APPROVED) {
                throw new IllegalStateException("Only approved notes are amended; edit the draft.");
              }
              int seq = 1;
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT COALESCE(MAX(seq), 0) + 1 FROM soap_note_amendment WHERE note_id = ?")) {
                ps.setString(1, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  seq = rs.getInt(1);
                }
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO soap_note_amendment (note_id, seq, reason, author, author_name,"
                          + " amended_at, content, content_sha256) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id.value());
                ps.setInt(2, seq);
                ps.setString(3, why);
                ps.setString(4, pseudonym);
                ps.setString(5, name);
                ps.setObject(6, timestamp(tx.now()));
                ps.setString(7, content);
                ps.setString(8, NoteContentCodec.sha256(content));
                ps.executeUpdate();
              }
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "UPDATE soap_note SET content = ?, updated_at = ?, revision = revision + 1"
                          + " WHERE id = ?")) {
                ps.setString(1, content);
                ps.setObject(2, timestamp(tx.now()));
                ps.setString(3, id.value());
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_AMEND, TARGET, id.value(), true, "amendment=" + seq);
              tx.syncAfterCommit();
              return load(c, id).orElseThrow();
            });
  }

  /**
   * Deletes a draft the clinician discards.
   *
   * @throws NoteLockedException for approved notes (they are part of the record)
   */
  public void discardDraft(NoteId id) {
    Objects.requireNonNull(id, "id");
    store()
        .write(
            tx -> {
              Connection c = tx.connection();
              if (lockRow(c, id) != NoteStatus.DRAFT) {
                throw new NoteLockedException();
              }
              try (PreparedStatement ps =
                  c.prepareStatement("DELETE FROM soap_note WHERE id = ?")) {
                ps.setString(1, id.value());
                ps.executeUpdate();
              }
              tx.audit(AuditAction.PHI_DELETE, TARGET, id.value(), true, "draft discarded");
              return null;
            });
  }

  /** The header printed on exported notes ({@link PracticeHeader#standard()} until set). */
  public PracticeHeader practiceHeader() {
    return store()
        .read(
            tx -> {
              try (PreparedStatement ps =
                      tx.connection()
                          .prepareStatement(
                              "SELECT name, details FROM soap_practice WHERE id = 1");
                  ResultSet rs = ps.executeQuery()) {
                return rs.next()
                    ? new PracticeHeader(rs.getString(1), rs.getString(2))
                    : PracticeHeader.standard();
              }
            });
  }

  /** Sets the practice header (audited as a settings change). */
  public void setPracticeHeader(PracticeHeader header) {
    Objects.requireNonNull(header, "header");
    store()
        .write(
            tx -> {
              try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          "MERGE INTO soap_practice (id, name, details) KEY (id) VALUES (1, ?, ?)")) {
                ps.setString(1, header.name());
                ps.setString(2, header.details());
                ps.executeUpdate();
              }
              tx.audit(AuditAction.SETTINGS_CHANGE, "soap-practice", "1", true, "");
              return null;
            });
  }

  /**
   * Writes the note as a PDF to {@code target} (atomically: a temporary file beside it, then a
   * move); audited as EXPORT. The exported file is outside the encrypted store by the user's
   * choice.
   *
   * @throws PdfExportException when the fonts are missing or the file cannot be written
   */
  public Path exportPdf(NoteId id, Path target) {
    Objects.requireNonNull(target, "target");
    byte[] pdf = renderPdf(id);
    Path dir = target.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".meditwin-note-", ".pdf.part");
      try {
        Files.write(tmp, pdf);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new PdfExportException("The PDF could not be written to the chosen folder.", e);
    }
    return target;
  }

  /** The note as PDF bytes; audited as EXPORT (the bytes leave the encrypted store). */
  public byte[] renderPdf(NoteId id) {
    Objects.requireNonNull(id, "id");
    PracticeHeader header = practiceHeader();
    SoapNote note = find(id).orElseThrow(NoteNotFoundException::new);
    Optional<Patient> patient = session.patients().find(new PatientId(note.patientId()));
    byte[] pdf = NotePdf.render(header, note, patient, NotePdf.Fonts.system());
    store()
        .write(
            tx -> {
              tx.audit(AuditAction.EXPORT, TARGET, id.value(), true, "pdf bytes=" + pdf.length);
              return null;
            });
    return pdf;
  }

  // --- rows ----------------------------------------------------------------------------------

  private static String checkTranscript(String transcript) {
    String t = transcript == null ? "" : transcript;
    if (t.length() > MAX_TRANSCRIPT_CHARS) {
      throw new IllegalArgumentException(
          "The transcript is too long (at most " + MAX_TRANSCRIPT_CHARS + " characters).");
    }
    return t;
  }

  private static boolean patientExists(Connection c, String patientId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM patients WHERE id = ?")) {
      ps.setString(1, patientId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Locks the note's row for this transaction and returns its status. */
  private static NoteStatus lockRow(Connection c, NoteId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status FROM soap_note WHERE id = ? FOR UPDATE")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NoteNotFoundException();
        }
        return NoteStatus.valueOf(rs.getString(1));
      }
    }
  }

  private static String contentOf(Connection c, NoteId id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT content FROM soap_note WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NoteNotFoundException();
        }
        return rs.getString(1);
      }
    }
  }

  private static Optional<SoapNote> load(Connection c, NoteId id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT patient_id, visit_id, template, status, revision, transcript, content,"
                + " created_at, updated_at, approved_by, approved_by_name, approved_at,"
                + " approved_content, approved_sha256 FROM soap_note WHERE id = ?")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Optional<Approval> approval = Optional.empty();
        if (rs.getString("approved_by") != null) {
          approval =
              Optional.of(
                  new Approval(
                      rs.getString("approved_by"),
                      rs.getString("approved_by_name"),
                      instant(rs, "approved_at"),
                      NoteContentCodec.decode(rs.getString("approved_content")),
                      rs.getString("approved_sha256")));
        }
        return Optional.of(
            new SoapNote(
                id,
                rs.getString("patient_id"),
                Optional.ofNullable(rs.getString("visit_id")),
                NoteTemplate.valueOf(rs.getString("template")),
                rs.getString("transcript"),
                NoteContentCodec.decode(rs.getString("content")),
                NoteStatus.valueOf(rs.getString("status")),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                approval,
                amendments(c, id),
                rs.getInt("revision")));
      }
    }
  }

  private static List<Amendment> amendments(Connection c, NoteId id) throws SQLException {
    List<Amendment> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, reason, author, author_name, amended_at, content, content_sha256"
                + " FROM soap_note_amendment WHERE note_id = ? ORDER BY seq")) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Amendment(
                  rs.getInt(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  instant(rs, "amended_at"),
                  NoteContentCodec.decode(rs.getString(6)),
                  rs.getString(7)));
        }
      }
    }
    return out;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }
}
