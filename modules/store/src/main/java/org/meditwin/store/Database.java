package org.meditwin.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.StoreUnavailableException.Kind;
import org.meditwin.security.DataKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encrypted H2 database of one data directory: a single connection used under a lock, so every
 * write transaction is serialised, numbered and mirrored to the {@link CommitMarker}.
 *
 * <p>URL settings (see ADR 0020): {@code CIPHER=AES} (file password derived from the data key),
 * {@code WRITE_DELAY=0} (each commit reaches the file before {@code commit()} returns; with the
 * default delay a {@code kill -9} lost thousands of committed rows), {@code TRACE_LEVEL_FILE=0}
 * (the trace file would log SQL with PHI), {@code IFEXISTS=TRUE} except at creation (a missing or
 * emptied file must never become a new empty database).
 */
final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Encrypted H2 files start with this header (FilePathEncrypt). */
  static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(StandardCharsets.US_ASCII);

  private static final String SETTINGS =
      ";CIPHER=AES;WRITE_DELAY=0;TRACE_LEVEL_FILE=0;TRACE_LEVEL_SYSTEM_OUT=0"
          + ";MAX_MEMORY_ROWS=200000";
  private static final String USER = "MEDITWIN";

  /** Data directories opened by this JVM: H2 would otherwise silently share the file. */
  private static final Set<Path> OPEN_HERE = ConcurrentHashMap.newKeySet();

  /** Work inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  private final DataLayout layout;
  private final Clock clock;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private long committed;
  private CommitMarker.AuditHead auditHead;
  private boolean closed;

  /** Settings key holding the first audit seq found missing or rewritten at open (ADR 0021). */
  static final String AUDIT_BREAK_SETTING = "audit.integrity.firstBrokenEntry";

  private Database(
      DataLayout layout,
      Clock clock,
      Connection connection,
      long committed,
      CommitMarker.AuditHead auditHead) {
    this.layout = layout;
    this.clock = clock;
    this.connection = connection;
    this.committed = committed;
    this.auditHead = auditHead;
  }

  /** Creates a new database file; fails if one exists. */
  static Database create(DataLayout layout, DataKey key, Clock clock) {
    if (Files.exists(layout.dbFile())) {
      throw new IllegalStateException("The data directory already contains a database.");
    }
    claim(layout);
    Connection c = null;
    try {
      Files.createDirectories(layout.dbDir());
      c = new org.h2.Driver().connect(url(layout, false), credentials(key));
      c.setAutoCommit(false);
      migrate(layout, key);
      long counter = readCounter(c);
      CommitMarker.AuditHead head = readAuditHead(c);
      CommitMarker.write(layout.commitMarker(), counter, head);
      return new Database(layout, clock, c, counter, head);
    } catch (SQLException e) {
      closeQuietly(c);
      release(layout);
      throw SqlFailures.onOpen(e);
    } catch (IOException e) {
      closeQuietly(c);
      release(layout);
      throw new StoreUnavailableException(
          Kind.IO_ERROR, "The database could not be created: " + e.getClass().getSimpleName(), e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      release(layout);
      throw e;
    }
  }

  /** Opens the existing database, refusing damaged, emptied or rolled-back files. */
  static Database open(DataLayout layout, DataKey key, Clock clock) {
    claim(layout);
    Connection c = null;
    try {
      checkFile(layout.dbFile());
      c = new org.h2.Driver().connect(url(layout, true), credentials(key));
      c.setAutoCommit(false);
      if (!hasSchema(c)) {
        throw new StoreUnavailableException(
            Kind.CORRUPTED,
            "The database file is empty or is not a MediTwin database."
                + SqlFailures.RESTORE_ADVICE,
            null);
      }
      long counter = readCounter(c);
      CommitMarker.AuditHead head = readAuditHead(c);
      Optional<CommitMarker.Marker> marker = checkMarker(layout, counter, head);
      OptionalLong auditBreak = checkAuditHead(c, marker);
      migrate(layout, key);
      c.commit();
      Database db = new Database(layout, clock, c, counter, head);
      auditBreak.ifPresent(db::recordAuditBreak);
      return db;
    } catch (SQLException e) {
      closeQuietly(c);
      release(layout);
      throw SqlFailures.onOpen(e);
    } catch (RuntimeException e) {
      closeQuietly(c);
      release(layout);
      throw e;
    }
  }

  private static void claim(DataLayout layout) {
    if (!OPEN_HERE.add(layout.root())) {
      throw new StoreUnavailableException(
          Kind.IN_USE, "The data directory is already open in this application.", null);
    }
  }

  private static void release(DataLayout layout) {
    OPEN_HERE.remove(layout.root());
  }

  static boolean isOpenHere(Path dataDir) {
    return OPEN_HERE.contains(new DataLayout(dataDir).root());
  }

  /**
   * Cheap checks before H2 sees the file: H2 silently treats a 0-byte file as a new database, and a
   * zeroed header looks like a wrong password.
   */
  static void checkFile(Path dbFile) {
    if (!Files.exists(dbFile)) {
      throw new StoreUnavailableException(
          Kind.CORRUPTED, "The database file is missing." + SqlFailures.RESTORE_ADVICE, null);
    }
    try {
      if (Files.size(dbFile) == 0) {
        throw new StoreUnavailableException(
            Kind.CORRUPTED,
            "The database file is empty (0 bytes): it was truncated." + SqlFailures.RESTORE_ADVICE,
            null);
      }
      if (!hasEncryptedHeader(dbFile)) {
        throw new StoreUnavailableException(
            Kind.CORRUPTED,
            "The database file header is damaged." + SqlFailures.RESTORE_ADVICE,
            null);
      }
    } catch (IOException e) {
      throw new StoreUnavailableException(
          Kind.IO_ERROR, "The database file cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  static boolean hasEncryptedHeader(Path dbFile) throws IOException {
    byte[] head = new byte[ENCRYPTED_HEADER.length];
    try (InputStream in = Files.newInputStream(dbFile)) {
      int n = in.readNBytes(head, 0, head.length);
      return n == head.length && Arrays.equals(head, ENCRYPTED_HEADER);
    }
  }

  private static Optional<CommitMarker.Marker> checkMarker(
      DataLayout layout, long counter, CommitMarker.AuditHead head) {
    Optional<CommitMarker.Marker> marker;
    try {
      marker = CommitMarker.read(layout.commitMarker());
    } catch (CommitMarker.MalformedMarkerException e) {
      throw new StoreUnavailableException(
          Kind.CORRUPTED,
          "The commit marker (db/commit.marker) is damaged, so the database cannot be checked for"
              + " lost transactions. Restore the data directory from a backup, or delete that"
              + " file to accept the database as it is.",
          null);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          Kind.IO_ERROR, "The commit marker cannot be read: " + e.getClass().getSimpleName(), e);
    }
    if (marker.isPresent() && counter < marker.get().counter()) {
      long missing = marker.get().counter() - counter;
      throw new StoreUnavailableException(
          Kind.ROLLED_BACK,
          "The database file is older than its last recorded commit ("
              + missing
              + " committed transaction(s) are missing): it was truncated or replaced by an older"
              + " copy."
              + SqlFailures.RESTORE_ADVICE,
          null);
    }
    if (marker.isEmpty()) {
      LOG.warn("Commit marker missing; recreating it from the database counter");
    }
    try {
      CommitMarker.write(layout.commitMarker(), counter, head);
    } catch (IOException e) {
      LOG.warn("Could not update the commit marker: {}", e.getClass().getSimpleName());
    }
    return marker;
  }

  /**
   * The newest audit entries recorded in the marker must still be in the table with the same hash;
   * deleting or rewriting the tail through SQL leaves a valid shorter chain otherwise. Returns the
   * first entry found missing or changed.
   */
  private static OptionalLong checkAuditHead(Connection c, Optional<CommitMarker.Marker> marker)
      throws SQLException {
    if (marker.isEmpty() || marker.get().auditHead().isEmpty()) {
      return OptionalLong.empty();
    }
    CommitMarker.AuditHead expected = marker.get().auditHead().get();
    if (expected.seq() == 0) {
      return OptionalLong.empty();
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM audit_log WHERE seq = ?")) {
      ps.setLong(1, expected.seq());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return expected.matches(rs.getString(1))
              ? OptionalLong.empty()
              : OptionalLong.of(expected.seq());
        }
      }
    }
    long max = readAuditHead(c).seq();
    return OptionalLong.of(Math.min(max + 1, expected.seq()));
  }

  private void recordAuditBreak(long seq) {
    LOG.error(
        "Audit log entries recorded in the commit marker are missing or changed (from entry {})",
        seq);
    write(
        tx -> {
          OptionalLong known = AuditRepository.recordedBreak(tx);
          if (known.isEmpty() || known.getAsLong() > seq) {
            try (PreparedStatement ps =
                tx.prepare(
                    "MERGE INTO settings (setting_key, setting_value) KEY (setting_key)"
                        + " VALUES (?, ?)")) {
              ps.setString(1, AUDIT_BREAK_SETTING);
              ps.setString(2, Long.toString(seq));
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  static CommitMarker.AuditHead readAuditHead(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")) {
      return rs.next()
          ? CommitMarker.AuditHead.of(rs.getLong(1), rs.getString(2))
          : CommitMarker.AuditHead.NONE;
    }
  }

  private static boolean hasSchema(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND TABLE_NAME IN ('COMMIT_COUNTER', 'AUDIT_LOG', 'PATIENTS')")) {
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) == 3;
      }
    }
  }

  private static long readCounter(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT counter_value FROM commit_counter WHERE id = 1")) {
      if (!rs.next()) {
        throw new SQLException("commit counter row missing", "MT001", SqlFailures.FILE_CORRUPTED);
      }
      return rs.getLong(1);
    }
  }

  private static void migrate(DataLayout layout, DataKey key) {
    char[] password = password(key);
    try {
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL(url(layout, true));
      ds.setUser(USER);
      ds.setPasswordChars(password);
      Flyway.configure(Database.class.getClassLoader())
          .loggers("slf4j")
          .dataSource(ds)
          .locations("classpath:db/migration")
          .failOnMissingLocations(true)
          // Feature modules ship their own migrations in disjoint version ranges (ADR 0023):
          // apply a range added later even when a higher one is already in, and tolerate a
          // database that has migrations of a module this class path lacks.
          .outOfOrder(true)
          .ignoreMigrationPatterns("*:missing", "*:future")
          .load()
          .migrate();
    } catch (org.flywaydb.core.api.FlywayException e) {
      // Flyway messages can quote SQL; keep only the type.
      LOG.error("Schema migration failed: {}", e.getClass().getSimpleName());
      throw new StoreUnavailableException(
          Kind.CORRUPTED,
          "The database schema could not be checked or updated." + SqlFailures.RESTORE_ADVICE,
          null);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private static String url(DataLayout layout, boolean mustExist) {
    String base = layout.dbBase().toString();
    if (base.contains(";")) {
      throw new IllegalArgumentException("The data directory path must not contain ';'.");
    }
    return "jdbc:h2:file:" + base + SETTINGS + (mustExist ? ";IFEXISTS=TRUE" : "");
  }

  private static char[] password(DataKey key) {
    char[] file = key.h2FilePassword();
    char[] user = key.h2UserPassword();
    char[] both = new char[file.length + 1 + user.length];
    System.arraycopy(file, 0, both, 0, file.length);
    both[file.length] = ' ';
    System.arraycopy(user, 0, both, file.length + 1, user.length);
    Arrays.fill(file, '\0');
    Arrays.fill(user, '\0');
    return both;
  }

  /** H2 consumes (wipes) the password array, so each connection gets a fresh one. */
  private static Properties credentials(DataKey key) {
    Properties p = new Properties();
    p.put("user", USER);
    p.put("password", password(key));
    return p;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  Clock clock() {
    return clock;
  }

  DataLayout layout() {
    return layout;
  }

  /**
   * Runs {@code work} in a write transaction: bumps the commit counter, commits, optionally {@code
   * CHECKPOINT SYNC}, then updates the commit marker. Rolls back on any exception.
   */
  <T> T write(Work<T> work) {
    lock.lock();
    try {
      ensureOpen();
      Tx tx = new Tx(connection, now());
      T result;
      try {
        result = work.run(tx);
        try (Statement st = connection.createStatement()) {
          st.executeUpdate(
              "UPDATE commit_counter SET counter_value = counter_value + 1 WHERE id = 1");
        }
        connection.commit();
      } catch (SQLException e) {
        rollbackQuietly();
        throw SqlFailures.onUse(e);
      } catch (RuntimeException | Error e) {
        rollbackQuietly();
        throw e;
      }
      committed++;
      tx.lastAudit().ifPresent(e -> auditHead = CommitMarker.AuditHead.of(e.seq(), e.hash()));
      if (tx.syncRequested()) {
        checkpointSync();
      }
      try {
        CommitMarker.write(layout.commitMarker(), committed, auditHead);
      } catch (IOException e) {
        // The data is committed; a stale marker only weakens the rollback check.
        LOG.warn("Could not update the commit marker: {}", e.getClass().getSimpleName());
      }
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** Runs read-only work (no PHI reads: those are audited and go through {@link #write}). */
  <T> T read(Work<T> work) {
    lock.lock();
    try {
      ensureOpen();
      try {
        T result = work.run(new Tx(connection, now()));
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollbackQuietly();
        throw SqlFailures.onUse(e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forces everything committed so far to stable storage. */
  void checkpointSync() {
    lock.lock();
    try (Statement st = connection.createStatement()) {
      st.execute("CHECKPOINT SYNC");
    } catch (SQLException e) {
      throw SqlFailures.onUse(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes a consistent copy of the (still encrypted) database file into a zip with H2's {@code
   * BACKUP TO}; returns the commit counter the copy contains.
   */
  long backupTo(Path zip) {
    lock.lock();
    try (Statement st = connection.createStatement()) {
      ensureOpen();
      String target = zip.toAbsolutePath().toString().replace("'", "''");
      st.execute("BACKUP TO '" + target + "'");
      return committed;
    } catch (SQLException e) {
      throw SqlFailures.onUse(e);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} while no transaction can start (consistent backup snapshots). */
  <T> T exclusive(java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      ensureOpen();
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  long committedTransactions() {
    return committed;
  }

  /** The audit head as of the last commit (read under {@link #exclusive} for backups). */
  CommitMarker.AuditHead auditHead() {
    return auditHead;
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreUnavailableException(Kind.IO_ERROR, "The database is closed.", null);
    }
  }

  private void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.warn("Rollback failed (H2 error {})", e.getErrorCode());
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      LOG.warn("Closing the database failed (H2 error {})", e.getErrorCode());
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeQuietly(connection);
      release(layout);
    } finally {
      lock.unlock();
    }
  }
}
