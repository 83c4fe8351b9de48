package org.meditwin.chatlog;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.UserSession;

/**
 * The escalation (handoff) queue shared by all staff of the workstation (ADR 0106): a clinician
 * raises a case, a colleague picks it up and closes it. Every change is audited as {@link
 * AuditAction#ESCALATION}; every read of case text as {@link AuditAction#PHI_READ}. The webhook
 * settings live here too (changed by administrators only, audited as settings changes).
 */
public final class EscalationQueue {
  /** Longest accepted case summary (characters). */
  public static final int MAX_SUMMARY = 20_000;

  /** Longest accepted note (characters). */
  public static final int MAX_NOTE = 4_000;

  static final String TARGET = "escalation";
  private static final String URL_SETTING = "webhook.url";
  private static final String FORMAT_SETTING = "webhook.format";

  private final UserSession session;
  private final ClinicalStore store;
  private final String me;

  private EscalationQueue(UserSession session) {
    this.session = session;
    this.store = session.clinicalStore();
    this.me = session.user().id().value();
  }

  public static EscalationQueue of(UserSession session) {
    return new EscalationQueue(Objects.requireNonNull(session, "session"));
  }

  /**
   * Raises a case. Its notification is {@link DeliveryStatus#PENDING} when a webhook is configured
   * (send it with {@link EscalationNotifier}), else {@link DeliveryStatus#NOT_CONFIGURED}.
   *
   * @throws IllegalArgumentException for an empty or too long summary
   */
  public Escalation create(EscalationRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.summary().isEmpty()) {
      throw new IllegalArgumentException("Describe the case: the summary is empty.");
    }
    if (request.summary().length() > MAX_SUMMARY) {
      throw new IllegalArgumentException(
          "The summary is too long ("
              + request.summary().length()
              + " characters, limit "
              + MAX_SUMMARY
              + ").");
    }
    for (String flag : request.redFlags()) {
      if (!flag.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("Unknown red-flag id.");
      }
    }
    String id = UUID.randomUUID().toString();
    return store.write(
        tx -> {
          DeliveryStatus delivery =
              webhook(tx.connection()).configured()
                  ? DeliveryStatus.PENDING
                  : DeliveryStatus.NOT_CONFIGURED;
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "INSERT INTO escalations (id, summary, urgency, patient_id, chat_session_id,"
                          + " red_flags, status, created_by, created_at, notify_status)"
                          + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, id);
            ps.setString(2, request.summary());
            ps.setString(3, request.urgency().name());
            Sql.optional(ps, 4, request.patientId());
            Sql.optional(ps, 5, request.chatSessionId());
            ps.setString(6, String.join(",", request.redFlags()));
            ps.setString(7, EscalationStatus.OPEN.name());
            ps.setString(8, me);
            Sql.instant(ps, 9, tx.now());
            ps.setString(10, delivery.name());
            ps.executeUpdate();
          }
          tx.audit(
              AuditAction.ESCALATION,
              TARGET,
              id,
              true,
              "created urgency=" + request.urgency() + " flags=" + request.redFlags().size());
          tx.syncAfterCommit();
          return load(tx.connection(), id).orElseThrow();
        });
  }

  /** Cases in {@code statuses} (all when empty): most urgent first, then oldest first. */
  public List<Escalation> list(Set<EscalationStatus> statuses) {
    Set<EscalationStatus> wanted =
        statuses.isEmpty() ? EnumSet.allOf(EscalationStatus.class) : EnumSet.copyOf(statuses);
    return store.write(
        tx -> {
          List<Escalation> out = new ArrayList<>();
          String in =
              wanted.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
          try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          SELECT
                              + " WHERE e.status IN ("
                              + in
                              + ") ORDER BY CASE e.urgency WHEN 'EMERGENCY' THEN 0 WHEN 'URGENT'"
                              + " THEN 1 ELSE 2 END, e.created_at, e.id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(row(rs, List.of()));
            }
          }
          Map<String, List<EscalationNote>> notes = notes(tx.connection(), out);
          out.replaceAll(e -> withNotes(e, notes.getOrDefault(e.id(), List.of())));
          tx.audit(AuditAction.PHI_READ, TARGET, "list", true, "cases=" + out.size());
          return out;
        });
  }

  /** One case with its notes; audited. */
  public Optional<Escalation> find(String id) {
    Objects.requireNonNull(id, "id");
    return store.write(
        tx -> {
          Optional<Escalation> e = load(tx.connection(), id);
          if (e.isPresent()) {
            tx.audit(AuditAction.PHI_READ, TARGET, id, true, "");
          }
          return e;
        });
  }

  /** Number of OPEN cases (no PHI; for badges and status lines). */
  public int openCount() {
    return store.read(
        tx -> {
          try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement("SELECT COUNT(*) FROM escalations WHERE status = 'OPEN'");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /**
   * The signed-in user takes the case: OPEN → PICKED_UP.
   *
   * @throws IllegalStateException when someone else already picked it up or it is closed
   */
  public Escalation pickUp(String id) {
    return transition(
        id,
        (c, e, now) -> {
          if (e.status() != EscalationStatus.OPEN) {
            throw new IllegalStateException(
                e.status() == EscalationStatus.CLOSED
                    ? "This case is already closed."
                    : "This case was already picked up by "
                        + e.pickedUpBy().map(StaffRef::displayName).orElse("someone")
                        + ".");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE escalations SET status = 'PICKED_UP', picked_up_by = ?, picked_up_at = ?"
                      + " WHERE id = ? AND status = 'OPEN'")) {
            ps.setString(1, me);
            Sql.instant(ps, 2, now);
            ps.setString(3, id);
            ps.executeUpdate();
          }
          return "picked-up";
        });
  }

  /**
   * Closes the case with an optional closing note. An OPEN case is picked up by the closing user at
   * the same moment, so every closed case says who handled it.
   *
   * @throws IllegalStateException when it is already closed
   */
  public Escalation close(String id, String note) {
    String text = note == null ? "" : note.strip();
    checkNote(text, true);
    return transition(
        id,
        (c, e, now) -> {
          if (e.status() == EscalationStatus.CLOSED) {
            throw new IllegalStateException("This case is already closed.");
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE escalations SET status = 'CLOSED', closed_by = ?, closed_at = ?,"
                      + " picked_up_by = COALESCE(picked_up_by, ?),"
                      + " picked_up_at = COALESCE(picked_up_at, ?) WHERE id = ?")) {
            ps.setString(1, me);
            Sql.instant(ps, 2, now);
            ps.setString(3, me);
            Sql.instant(ps, 4, now);
            ps.setString(5, id);
            ps.executeUpdate();
          }
          if (!text.isEmpty()) {
            insertNote(c, id, text, now);
          }
          return "closed";
        });
  }

  /** Adds a note to a case (any status). */
  public Escalation addNote(String id, String note) {
    String text = note == null ? "" : note.strip();
    checkNote(text, false);
    return transition(
        id,
        (c, e, now) -> {
          insertNote(c, id, text, now);
          return "note";
        });
  }

  // --- webhook settings -----------------------------------------------------------------------

  /** The configured webhook (no PHI; not audited). */
  public WebhookSettings webhook() {
    return store.read(tx -> webhook(tx.connection()));
  }

  /**
   * Saves the webhook settings; administrators only. Open cases raised while no webhook was set
   * stay {@link DeliveryStatus#NOT_CONFIGURED}.
   *
   * @throws AccessDeniedException for other roles
   */
  public void saveWebhook(WebhookSettings settings) {
    Objects.requireNonNull(settings, "settings");
    if (!session.user().role().canAdminister()) {
      throw new AccessDeniedException("Only an administrator can change the webhook.");
    }
    store.write(
        tx -> {
          Connection c = tx.connection();
          if (settings.url().isPresent()) {
            putSetting(c, URL_SETTING, settings.url().get().toString(), tx.now());
          } else {
            try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM chatlog_settings WHERE name = ?")) {
              ps.setString(1, URL_SETTING);
              ps.executeUpdate();
            }
          }
          putSetting(c, FORMAT_SETTING, settings.format().name(), tx.now());
          tx.audit(
              AuditAction.SETTINGS_CHANGE,
              "webhook",
              "escalations",
              true,
              settings.configured() ? "configured format=" + settings.format() : "removed");
          return null;
        });
  }

  // --- delivery bookkeeping (used by EscalationNotifier) ----------------------------------------

  /** Cases whose notification is PENDING or FAILED, oldest first (for a resend). */
  List<Escalation> undelivered() {
    return store.write(
        tx -> {
          List<Escalation> out = new ArrayList<>();
          try (PreparedStatement ps =
                  tx.connection()
                      .prepareStatement(
                          SELECT
                              + " WHERE e.notify_status IN ('PENDING','FAILED') ORDER BY"
                              + " e.created_at, e.id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(row(rs, List.of()));
            }
          }
          tx.audit(AuditAction.PHI_READ, TARGET, "undelivered", true, "cases=" + out.size());
          return out;
        });
  }

  /** Records the outcome of one send (attempts add up; the error is PHI-free). */
  void recordDelivery(String id, boolean sent, int attempts, Optional<String> error) {
    store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "UPDATE escalations SET notify_status = ?, notify_attempts = notify_attempts"
                          + " + ?, notify_error = ?, notify_last_at = ?, notified_at = ? WHERE id"
                          + " = ?")) {
            ps.setString(1, (sent ? DeliveryStatus.SENT : DeliveryStatus.FAILED).name());
            ps.setInt(2, attempts);
            Sql.optional(ps, 3, error.map(s -> Sql.oneLine(s, 500)));
            Sql.instant(ps, 4, tx.now());
            Sql.optionalInstant(ps, 5, sent ? Optional.of(tx.now()) : Optional.empty());
            ps.setString(6, id);
            if (ps.executeUpdate() != 1) {
              throw new IllegalArgumentException("This escalation does not exist.");
            }
          }
          tx.audit(
              AuditAction.ESCALATION,
              TARGET,
              id,
              sent,
              (sent ? "webhook sent" : "webhook failed") + " attempts=" + attempts);
          tx.syncAfterCommit();
          return null;
        });
  }

  /** Marks a case PENDING again before a manual resend. */
  void markPending(String id) {
    store.write(
        tx -> {
          try (PreparedStatement ps =
              tx.connection()
                  .prepareStatement(
                      "UPDATE escalations SET notify_status = 'PENDING' WHERE id = ? AND"
                          + " notify_status <> 'SENT'")) {
            ps.setString(1, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  // --- implementation -------------------------------------------------------------------------

  private interface Change {
    String apply(Connection c, Escalation current, Instant now) throws SQLException;
  }

  private Escalation transition(String id, Change change) {
    Objects.requireNonNull(id, "id");
    return store.write(
        tx -> {
          Escalation current =
              load(tx.connection(), id)
                  .orElseThrow(
                      () -> new IllegalArgumentException("This escalation does not exist."));
          String what = change.apply(tx.connection(), current, tx.now());
          tx.audit(AuditAction.ESCALATION, TARGET, id, true, what);
          tx.syncAfterCommit();
          return load(tx.connection(), id).orElseThrow();
        });
  }

  private static void checkNote(String text, boolean mayBeEmpty) {
    if (text.isEmpty() && !mayBeEmpty) {
      throw new IllegalArgumentException("The note is empty.");
    }
    if (text.length() > MAX_NOTE) {
      throw new IllegalArgumentException(
          "The note is too long (" + text.length() + " characters, limit " + MAX_NOTE + ").");
    }
  }

  private void insertNote(Connection c, String id, String text, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO escalation_notes (id, escalation_id, author_id, at, body)"
                + " VALUES (?,?,?,?,?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, id);
      ps.setString(3, me);
      Sql.instant(ps, 4, now);
      ps.setString(5, text);
      ps.executeUpdate();
    }
  }

  private static final String STAFF_COLUMNS =
      " cu.username AS c_user, cu.display_name AS c_name, pu.username AS p_user,"
          + " pu.display_name AS p_name, xu.username AS x_user, xu.display_name AS x_name";

  private static final String SELECT =
      "SELECT e.*,"
          + STAFF_COLUMNS
          + " FROM escalations e JOIN users cu ON cu.id = e.created_by"
          + " LEFT JOIN users pu ON pu.id = e.picked_up_by"
          + " LEFT JOIN users xu ON xu.id = e.closed_by";

  private static Optional<Escalation> load(Connection c, String id) throws SQLException {
    Escalation e;
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE e.id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        e = row(rs, List.of());
      }
    }
    return Optional.of(withNotes(e, notes(c, List.of(e)).getOrDefault(id, List.of())));
  }

  private static Map<String, List<EscalationNote>> notes(Connection c, List<Escalation> cases)
      throws SQLException {
    Map<String, List<EscalationNote>> out = new LinkedHashMap<>();
    if (cases.isEmpty()) {
      return out;
    }
    String marks = cases.stream().map(e -> "?").collect(Collectors.joining(","));
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT n.*, u.username, u.display_name FROM escalation_notes n JOIN users u ON u.id"
                + " = n.author_id WHERE n.escalation_id IN ("
                + marks
                + ") ORDER BY n.at, n.id")) {
      for (int i = 0; i < cases.size(); i++) {
        ps.setString(i + 1, cases.get(i).id());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.computeIfAbsent(rs.getString("escalation_id"), k -> new ArrayList<>())
              .add(
                  new EscalationNote(
                      rs.getString("id"),
                      new StaffRef(
                          rs.getString("author_id"),
                          rs.getString("username"),
                          rs.getString("display_name")),
                      Sql.instant(rs, "at"),
                      rs.getString("body")));
        }
      }
    }
    return out;
  }

  private static Escalation withNotes(Escalation e, List<EscalationNote> notes) {
    return new Escalation(
        e.id(),
        e.summary(),
        e.urgency(),
        e.patientId(),
        e.chatSessionId(),
        e.redFlags(),
        e.status(),
        e.createdBy(),
        e.createdAt(),
        e.pickedUpBy(),
        e.pickedUpAt(),
        e.closedBy(),
        e.closedAt(),
        notes,
        e.delivery());
  }

  private static Optional<StaffRef> staff(ResultSet rs, String id, String user, String name)
      throws SQLException {
    String userId = rs.getString(id);
    return userId == null
        ? Optional.empty()
        : Optional.of(new StaffRef(userId, rs.getString(user), rs.getString(name)));
  }

  private static Escalation row(ResultSet rs, List<EscalationNote> notes) throws SQLException {
    String flags = rs.getString("red_flags");
    return new Escalation(
        rs.getString("id"),
        rs.getString("summary"),
        Urgency.valueOf(rs.getString("urgency")),
        Sql.optional(rs, "patient_id"),
        Sql.optional(rs, "chat_session_id"),
        flags.isEmpty() ? List.of() : Arrays.asList(flags.split(",")),
        EscalationStatus.valueOf(rs.getString("status")),
        new StaffRef(rs.getString("created_by"), rs.getString("c_user"), rs.getString("c_name")),
        Sql.instant(rs, "created_at"),
        staff(rs, "picked_up_by", "p_user", "p_name"),
        Sql.optionalInstant(rs, "picked_up_at"),
        staff(rs, "closed_by", "x_user", "x_name"),
        Sql.optionalInstant(rs, "closed_at"),
        notes,
        new Delivery(
            DeliveryStatus.valueOf(rs.getString("notify_status")),
            rs.getInt("notify_attempts"),
            Sql.optional(rs, "notify_error"),
            Sql.optionalInstant(rs, "notify_last_at"),
            Sql.optionalInstant(rs, "notified_at")));
  }

  private static WebhookSettings webhook(Connection c) throws SQLException {
    Map<String, String> values = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT name, val FROM chatlog_settings WHERE name IN ('"
                    + URL_SETTING
                    + "','"
                    + FORMAT_SETTING
                    + "')");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        values.put(rs.getString(1), rs.getString(2));
      }
    }
    WebhookFormat format =
        Optional.ofNullable(values.get(FORMAT_SETTING))
            .flatMap(
                f ->
                    Arrays.stream(WebhookFormat.values())
                        .filter(v -> v.name().equals(f))
                        .findFirst())
            .orElse(WebhookFormat.MATTERMOST);
    return new WebhookSettings(
        Optional.ofNullable(values.get(URL_SETTING)).map(URI::create), format);
  }

  private static void putSetting(Connection c, String name, String value, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "MERGE INTO chatlog_settings (name, val, updated_at) KEY (name) VALUES (?,?,?)")) {
      ps.setString(1, name);
      ps.setString(2, value);
      Sql.instant(ps, 3, now);
      ps.executeUpdate();
    }
  }
}
