package org.meditwin.chatlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * The signed-in user's chat sessions and their messages, in the encrypted clinical store (ADR
 * 0105). A user sees only their own sessions; every read and write is audited (targets are opaque
 * ids, details carry counts only). Thread-safe: each call is one store transaction.
 *
 * <pre>{@code
 * ChatLog log = ChatLog.of(session);
 * ChatSessionInfo s = log.create("Tinnitus after noise", Optional.of(patientId), Optional.empty());
 * log.append(s.id(), Speaker.USER, "Ringing since the concert?", Optional.empty());
 * log.append(s.id(), Speaker.ASSISTANT, answerText, Optional.of(answerRecord));
 * ChatTranscript t = log.open(s.id()).orElseThrow();
 * }</pre>
 */
public final class ChatLog {
  /** Longest stored title; longer ones are shortened with an ellipsis. */
  public static final int MAX_TITLE = 200;

  /** Longest accepted message (characters); longer messages are refused with a clear message. */
  public static final int MAX_MESSAGE = 100_000;

  /** Longest accepted context text (characters). */
  public static final int MAX_CONTEXT = 200_000;

  static final String TARGET_SESSION = "chat-session";
  static final String TARGET_MESSAGE = "chat-message";

  private final ClinicalStore store;
  private final String owner;

  private ChatLog(ClinicalStore store, String owner) {
    this.store = store;
    this.owner = owner;
  }

  /** The chat log of the user signed in to {@code session}. */
  public static ChatLog of(UserSession session) {
    Objects.requireNonNull(session, "session");
    return new ChatLog(session.clinicalStore(), session.user().id().value());
  }

  /**
   * Starts a session. A blank title becomes "New chat"; titles are one line of at most {@link
   * #MAX_TITLE} characters.
   */
  public ChatSessionInfo create(
      String title, Optional<String> patientId, Optional<ChatContext> context) {
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(context, "context");
    String t = title(title);
    context.ifPresent(
        c -> {
          if (c.text().length() > MAX_CONTEXT) {
            throw new IllegalArgumentException(
                "The context is too long ("
                    + c.text().length()
                    + " characters, limit "
                    + MAX_CONTEXT
                    + ").");
          }
        });
    String id = UUID.randomUUID().toString();
    return store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "INSERT INTO chat_sessions (id, owner_id, title, patient_id, context_title,"
                          + " context_text, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, owner);
            ps.setString(3, t);
            Sql.optional(ps, 4, patientId);
            Sql.optional(ps, 5, context.map(c -> Sql.oneLine(c.title(), MAX_TITLE)));
            Sql.optional(ps, 6, context.map(ChatContext::text));
            Sql.instant(ps, 7, tx.now());
            Sql.instant(ps, 8, tx.now());
            ps.executeUpdate();
          }
          tx.audit(
              AuditAction.PHI_CREATE,
              TARGET_SESSION,
              id,
              true,
              patientId.isPresent() ? "patient-linked" : "");
          return find(tx.connection(), id).orElseThrow();
        });
  }

  /** The user's sessions, most recently active first. */
  public List<ChatSessionInfo> sessions() {
    return store.write(
        tx -> {
          List<ChatSessionInfo> out = new ArrayList<>();
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      SELECT_SESSION + " WHERE s.owner_id = ? ORDER BY s.updated_at DESC, s.id")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(session(rs));
              }
            }
          }
          tx.audit(AuditAction.PHI_READ, TARGET_SESSION, "list", true, "sessions=" + out.size());
          return out;
        });
  }

  /** A session with its messages; empty when it does not exist or belongs to another user. */
  public Optional<ChatTranscript> open(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    return store.write(
        tx -> {
          Optional<ChatSessionInfo> s = find(tx.connection(), sessionId);
          if (s.isEmpty()) {
            return Optional.empty();
          }
          List<LoggedMessage> messages = new ArrayList<>();
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "SELECT id, seq, speaker, body, answer_meta, created_at FROM chat_messages"
                          + " WHERE session_id = ? ORDER BY seq")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String meta = rs.getString("answer_meta");
                messages.add(
                    new LoggedMessage(
                        rs.getString("id"),
                        sessionId,
                        rs.getInt("seq"),
                        Speaker.valueOf(rs.getString("speaker")),
                        rs.getString("body"),
                        meta == null ? Optional.empty() : Optional.of(AnswerJson.read(meta)),
                        Sql.instant(rs, "created_at")));
              }
            }
          }
          tx.audit(
              AuditAction.PHI_READ, TARGET_SESSION, sessionId, true, "messages=" + messages.size());
          return Optional.of(new ChatTranscript(s.get(), messages));
        });
  }

  /**
   * Appends a message to one of the user's sessions.
   *
   * @throws IllegalArgumentException for an empty or too long message or an unknown session
   */
  public LoggedMessage append(
      String sessionId, Speaker speaker, String text, Optional<AnswerRecord> answer) {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(speaker, "speaker");
    Objects.requireNonNull(answer, "answer");
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("An empty message cannot be saved.");
    }
    if (text.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException(
          "The message is too long (" + text.length() + " characters, limit " + MAX_MESSAGE + ").");
    }
    Optional<String> meta = answer.map(AnswerJson::write);
    String id = UUID.randomUUID().toString();
    return store.write(
        tx -> {
          Connection c = tx.connection();
          requireOwn(c, sessionId);
          int seq;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COALESCE(MAX(seq), 0) + 1 FROM chat_messages WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              seq = rs.getInt(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO chat_messages (id, session_id, seq, speaker, body, answer_meta,"
                      + " created_at) VALUES (?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, sessionId);
            ps.setInt(3, seq);
            ps.setString(4, speaker.name());
            ps.setString(5, text);
            Sql.optional(ps, 6, meta);
            Sql.instant(ps, 7, tx.now());
            ps.executeUpdate();
          }
          touch(c, sessionId, tx.now());
          tx.audit(AuditAction.PHI_CREATE, TARGET_MESSAGE, id, true, "session=" + sessionId);
          return new LoggedMessage(id, sessionId, seq, speaker, text, answer, tx.now());
        });
  }

  /** Renames one of the user's sessions. */
  public ChatSessionInfo rename(String sessionId, String title) {
    String t = title(title);
    return update(
        sessionId,
        "UPDATE chat_sessions SET title = ? WHERE id = ?",
        ps -> ps.setString(1, t),
        "title");
  }

  /** Links one of the user's sessions to a patient, or removes the link. */
  public ChatSessionInfo linkPatient(String sessionId, Optional<String> patientId) {
    Objects.requireNonNull(patientId, "patientId");
    return update(
        sessionId,
        "UPDATE chat_sessions SET patient_id = ? WHERE id = ?",
        ps -> Sql.optional(ps, 1, patientId),
        patientId.isPresent() ? "patient-linked" : "patient-unlinked");
  }

  /** Deletes one of the user's sessions with its messages. */
  public void delete(String sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    store.write(
        tx -> {
          requireOwn(tx.connection(), sessionId);
          int messages;
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement("SELECT COUNT(*) FROM chat_messages WHERE session_id = ?")) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              messages = rs.getInt(1);
            }
          }
          try (PreparedStatement ps =
              tx.connection().prepareStatement("DELETE FROM chat_sessions WHERE id = ?")) {
            ps.setString(1, sessionId);
            ps.executeUpdate();
          }
          tx.audit(AuditAction.PHI_DELETE, TARGET_SESSION, sessionId, true, "messages=" + messages);
          return null;
        });
  }

  /** Number of the user's sessions (no PHI, not audited). */
  public int count() {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement("SELECT COUNT(*) FROM chat_sessions WHERE owner_id = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getInt(1);
            }
          }
        });
  }

  // --- implementation --------------------------------------------------------------------------

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private ChatSessionInfo update(String sessionId, String sql, Binder binder, String detail) {
    Objects.requireNonNull(sessionId, "sessionId");
    return store.write(
        tx -> {
          requireOwn(tx.connection(), sessionId);
          try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            binder.bind(ps);
            ps.setString(2, sessionId);
            ps.executeUpdate();
          }
          touch(tx.connection(), sessionId, tx.now());
          tx.audit(AuditAction.PHI_UPDATE, TARGET_SESSION, sessionId, true, detail);
          return find(tx.connection(), sessionId).orElseThrow();
        });
  }

  private static final String SELECT_SESSION =
      "SELECT s.id, s.title, s.patient_id, s.context_title, s.context_text, s.created_at,"
          + " s.updated_at, (SELECT COUNT(*) FROM chat_messages m WHERE m.session_id = s.id) AS n"
          + " FROM chat_sessions s";

  private Optional<ChatSessionInfo> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(SELECT_SESSION + " WHERE s.id = ? AND s.owner_id = ?")) {
      ps.setString(1, id);
      ps.setString(2, owner);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(session(rs)) : Optional.empty();
      }
    }
  }

  private void requireOwn(Connection c, String sessionId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM chat_sessions WHERE id = ? AND owner_id = ?")) {
      ps.setString(1, sessionId);
      ps.setString(2, owner);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("This chat session does not exist any more.");
        }
      }
    }
  }

  private static void touch(Connection c, String sessionId, java.time.Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE chat_sessions SET updated_at = ? WHERE id = ?")) {
      Sql.instant(ps, 1, now);
      ps.setString(2, sessionId);
      ps.executeUpdate();
    }
  }

  private static ChatSessionInfo session(ResultSet rs) throws SQLException {
    Optional<String> ctxTitle = Sql.optional(rs, "context_title");
    Optional<String> ctxText = Sql.optional(rs, "context_text");
    Optional<ChatContext> context = ctxText.map(text -> new ChatContext(ctxTitle.orElse(""), text));
    return new ChatSessionInfo(
        rs.getString("id"),
        rs.getString("title"),
        Sql.optional(rs, "patient_id"),
        context,
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "updated_at"),
        rs.getInt("n"));
  }

  private static String title(String title) {
    String t = Sql.oneLine(title, MAX_TITLE);
    return t.isEmpty() ? "New chat" : t;
  }
}
