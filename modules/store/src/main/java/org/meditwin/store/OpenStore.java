package org.meditwin.store;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.UserId;
import org.meditwin.security.DataKey;
import org.meditwin.security.KeyRing;
import org.meditwin.security.Pseudonymizer;
import org.meditwin.security.SealedJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An unlocked data directory: the database, the data key and what is derived from it. */
final class OpenStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenStore.class);

  /** Actor of entries recorded without a signed-in user (restore, unreadable journal lines). */
  static final String SYSTEM_ACTOR = "system";

  private final Database db;
  private final DataKey key;
  private final Pseudonymizer pseudonymizer;

  OpenStore(Database db, DataKey key) {
    this.db = db;
    this.key = key;
    this.pseudonymizer = new Pseudonymizer(key.derive("audit-pseudonym", 32));
  }

  Database db() {
    return db;
  }

  DataKey key() {
    return key;
  }

  String actorOf(UserId user) {
    return pseudonymizer.pseudonym(user.value());
  }

  /** Pseudonym for a username that matches no account (typo, probing). */
  String actorOfUnknownUsername(String username) {
    return pseudonymizer.pseudonym("unknown-username:" + username);
  }

  static void storeSealingKey(Tx tx, PrivateKey key) throws SQLException {
    try (PreparedStatement ps =
        tx.prepare("INSERT INTO sealing_key (id, private_key, created_at) VALUES (1, ?, ?)")) {
      ps.setBytes(1, key.getEncoded());
      ps.setObject(2, Tx.timestamp(tx.now()));
      ps.executeUpdate();
    }
  }

  static Optional<PrivateKey> sealingKey(Tx tx) throws SQLException {
    byte[] encoded;
    try (PreparedStatement ps = tx.prepare("SELECT private_key FROM sealing_key WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      encoded = rs.getBytes(1);
    }
    for (String algorithm : List.of("X25519", "XDH")) {
      try {
        return Optional.of(
            KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded)));
      } catch (java.security.GeneralSecurityException e) {
        // try the next algorithm name / provider
      }
    }
    for (Provider provider : Security.getProviders()) {
      try {
        return Optional.of(
            KeyFactory.getInstance("X25519", provider)
                .generatePrivate(new PKCS8EncodedKeySpec(encoded)));
      } catch (java.security.GeneralSecurityException e) {
        // not this provider
      }
    }
    LOG.error("The pre-authentication journal key cannot be decoded");
    return Optional.empty();
  }

  /**
   * Moves the sealed pre-authentication records into the hash chain (inside {@code tx}). Returns
   * how many were recorded.
   */
  int drainJournal(Tx tx, DataLayout layout, KeyRing ring) throws SQLException {
    if (!java.nio.file.Files.exists(layout.preAuthJournal())) {
      return 0;
    }
    Optional<PrivateKey> privateKey = sealingKey(tx);
    if (privateKey.isEmpty()) {
      return 0;
    }
    List<byte[]> records;
    try {
      records = SealedJournal.drain(layout.preAuthJournal(), privateKey.get());
    } catch (RuntimeException e) {
      LOG.error(
          "The pre-authentication journal could not be read ({}); its entries are recorded as"
              + " unreadable",
          e.getClass().getSimpleName());
      AuditRepository.append(
          tx,
          tx.now(),
          SYSTEM_ACTOR,
          AuditAction.LOGIN_FAILURE,
          "journal",
          "",
          false,
          "preauth-journal-unreadable");
      return 1;
    }
    int n = 0;
    for (byte[] raw : records) {
      Optional<PreAuthRecord> rec = PreAuthRecord.decode(raw);
      if (rec.isEmpty()) {
        AuditRepository.append(
            tx,
            tx.now(),
            SYSTEM_ACTOR,
            AuditAction.LOGIN_FAILURE,
            "journal",
            "",
            false,
            "preauth-record-unreadable");
        n++;
        continue;
      }
      PreAuthRecord r = rec.get();
      Optional<UserId> user = r.username().isEmpty() ? Optional.empty() : ring.userId(r.username());
      String actor =
          r.username().isEmpty()
              ? SYSTEM_ACTOR
              : user.map(this::actorOf).orElseGet(() -> actorOfUnknownUsername(r.username()));
      AuditRepository.append(
          tx,
          r.at().truncatedTo(java.time.temporal.ChronoUnit.MICROS),
          actor,
          r.action(),
          r.username().isEmpty() ? "data-directory" : "user",
          user.map(UserId::value).orElse(""),
          r.action() == AuditAction.RESTORE,
          r.detail() + ";journaled");
      n++;
    }
    return n;
  }

  @Override
  public void close() {
    try {
      db.close();
    } finally {
      key.close();
    }
  }
}
