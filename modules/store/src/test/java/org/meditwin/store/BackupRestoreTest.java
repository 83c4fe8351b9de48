package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class BackupRestoreTest {

  static final char[] ARCHIVE_PASSWORD = "archive-password-1".toCharArray();
  static final char[] DOC_PASSWORD = "clinician-pass-1".toCharArray();

  @TempDir Path root;
  final MutableClock clock = StoreFixture.clock();

  private Path dataDir() {
    return root.resolve("data");
  }

  private Path archive() {
    return root.resolve("backups/backup-1.mtb");
  }

  /** Initialises, adds a patient and a clinician, backs up; returns the patient. */
  private Patient backedUp() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dataDir(), clock);
        UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      Patient p = admin.patients().create(StoreFixture.patient("Ann", "Lee"));
      admin.accounts().create("doc", "Doc", Role.CLINICIAN, DOC_PASSWORD.clone());
      long bytes = admin.backups().backup(archive(), ARCHIVE_PASSWORD.clone());
      assertThat(bytes).isEqualTo(size(archive()));
      AuditEvent last = admin.audit().find(AuditLog.Filter.all(), 1).getFirst();
      assertThat(last.action()).isEqualTo(AuditAction.BACKUP);
      assertThat(last.detail()).isEqualTo("bytes=" + bytes);
      return p;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Path → SHA-256 of every file: to prove "nothing changed". */
  private static Map<String, String> fingerprint(Path dir) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(
            dir.relativize(p).toString(),
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
      }
    }
    return out;
  }

  @Test
  void backupThenRestoreBringsBackDataAndThePasswordsOfThatTime() throws Exception {
    Patient kept = backedUp();
    Patient later;
    try (EmbeddedWorkstation ws = StoreFixture.open(dataDir(), clock);
        UserSession admin = StoreFixture.adminSession(ws)) {
      later = admin.patients().create(StoreFixture.patient("Bob", "After"));
      UserAccount doc =
          admin.accounts().list().stream()
              .filter(u -> u.username().equals("doc"))
              .findFirst()
              .orElseThrow();
      admin.accounts().resetPassword(doc.id(), "changed-password-9".toCharArray());
    }
    Path aside =
        DataDirectoryRestore.restore(archive(), ARCHIVE_PASSWORD.clone(), dataDir(), clock);
    assertThat(aside.getFileName().toString()).startsWith("data.before-restore-");
    assertThat(aside.resolve("db/meditwin.mv.db")).exists();
    assertThat(aside.resolve("keyring.json")).exists();
    try (Stream<Path> siblings = Files.list(root)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.contains(".restoring-"));
    }
    try (EmbeddedWorkstation ws = StoreFixture.open(dataDir(), clock)) {
      try (UserSession doc = ws.login("doc", DOC_PASSWORD.clone())) {
        assertThat(doc.patients().find(kept.id())).contains(kept);
        assertThat(doc.patients().find(later.id())).isEmpty();
        assertThat(doc.audit().verify().ok()).isTrue();
        assertThat(doc.audit().find(AuditLog.Filter.all(), 10))
            .extracting(AuditEvent::action)
            .contains(AuditAction.RESTORE);
      }
    }
  }

  @Test
  void restoreWithWrongPasswordChangesNothing() throws Exception {
    backedUp();
    Map<String, String> before = fingerprint(dataDir());
    assertThatThrownBy(
            () ->
                DataDirectoryRestore.restore(
                    archive(), "wrong-password-1".toCharArray(), dataDir(), clock))
        .isInstanceOf(MediTwinException.class)
        .hasMessage("The archive password is wrong.");
    assertThat(fingerprint(dataDir())).isEqualTo(before);
    try (Stream<Path> siblings = Files.list(root)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("data", "backups");
    }
  }

  @Test
  void damagedOrTruncatedArchiveChangesNothing() throws Exception {
    backedUp();
    Map<String, String> before = fingerprint(dataDir());
    byte[] bytes = Files.readAllBytes(archive());
    Path flipped = root.resolve("backups/flipped.mtb");
    byte[] copy = bytes.clone();
    copy[copy.length / 2] ^= 0x01;
    Files.write(flipped, copy);
    Path truncated = root.resolve("backups/truncated.mtb");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    Path empty = root.resolve("backups/empty.mtb");
    Files.write(empty, new byte[0]);
    for (Path bad : new Path[] {flipped, truncated, empty}) {
      assertThatThrownBy(
              () -> DataDirectoryRestore.restore(bad, ARCHIVE_PASSWORD.clone(), dataDir(), clock))
          .as(bad.getFileName().toString())
          .isInstanceOf(MediTwinException.class)
          .hasMessageContaining("damaged");
    }
    assertThat(fingerprint(dataDir())).isEqualTo(before);
    try (Stream<Path> siblings = Files.list(root)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("data", "backups");
    }
  }

  @Test
  void restoreIsRefusedWhileTheDirectoryIsOpen() {
    backedUp();
    try (EmbeddedWorkstation ws = StoreFixture.open(dataDir(), clock);
        UserSession admin = StoreFixture.adminSession(ws)) {
      assertThatThrownBy(
              () -> DataDirectoryRestore.restore(archive(), ARCHIVE_PASSWORD.clone(), dataDir()))
          .isInstanceOfSatisfying(
              StoreUnavailableException.class,
              e -> assertThat(e.kind()).isEqualTo(StoreUnavailableException.Kind.IN_USE));
      assertThat(admin.patients().count()).isEqualTo(1);
    }
  }

  @Test
  void restoreIntoAnEmptyLocationCreatesTheDataDirectory() {
    backedUp();
    Path fresh = root.resolve("elsewhere/data2");
    Path result = DataDirectoryRestore.restore(archive(), ARCHIVE_PASSWORD.clone(), fresh, clock);
    assertThat(result).isEqualTo(fresh.toAbsolutePath().normalize());
    try (EmbeddedWorkstation ws = StoreFixture.open(fresh, clock);
        UserSession admin = StoreFixture.adminSession(ws)) {
      assertThat(admin.patients().count()).isEqualTo(1);
    }
  }

  @Test
  void backupNeedsAStrongArchivePasswordAndALocationOutsideTheDataDirectory() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dataDir(), clock);
        UserSession admin = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      assertThatThrownBy(() -> admin.backups().backup(archive(), "short".toCharArray()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(
              () -> admin.backups().backup(dataDir().resolve("x.mtb"), ARCHIVE_PASSWORD.clone()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the data directory");
      assertThat(archive()).doesNotExist();
    }
  }
}
