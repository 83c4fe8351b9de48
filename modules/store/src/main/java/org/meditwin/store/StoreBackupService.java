package org.meditwin.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.BackupService;
import org.meditwin.security.ArchiveCipher;
import org.meditwin.security.KdfParams;

/** Encrypted archives of the data directory (administrators only). */
final class StoreBackupService implements BackupService {

  private final StoreSession session;

  StoreBackupService(StoreSession session) {
    this.session = session;
  }

  @Override
  public long backup(Path archive, char[] archivePassword) {
    session.guardAdmin();
    Objects.requireNonNull(archive, "archive");
    AccountRules.checkPassword(archivePassword);
    Database db = session.db();
    DataLayout layout = db.layout();
    Path target = archive.toAbsolutePath().normalize();
    if (target.startsWith(layout.root())) {
      throw new IllegalArgumentException("Choose a backup location outside the data directory.");
    }
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException("The backup file name points to a folder.");
    }
    try {
      long bytes = write(db, layout, target, archivePassword, session.workstation().kdf());
      db.write(
          tx ->
              session.audit(tx, AuditAction.BACKUP, "data-directory", "", true, "bytes=" + bytes));
      return bytes;
    } catch (IOException | UncheckedIOException e) {
      String kind =
          e instanceof UncheckedIOException u
              ? u.getCause().getClass().getSimpleName()
              : e.getClass().getSimpleName();
      db.write(
          tx ->
              session.audit(tx, AuditAction.BACKUP, "data-directory", "", false, "error=" + kind));
      throw new MediTwinException("The backup could not be written (" + kind + ").", e);
    }
  }

  private static long write(
      Database db, DataLayout layout, Path target, char[] password, KdfParams kdf)
      throws IOException {
    Files.createDirectories(layout.tmp());
    Path parent = target.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path h2zip = layout.tmp().resolve("h2-backup-" + UUID.randomUUID() + ".zip");
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Snapshot snap = db.exclusive(() -> snapshot(db, layout, h2zip));
      Properties manifest = new Properties();
      manifest.setProperty("format", BackupArchive.FORMAT);
      manifest.setProperty("commitCounter", Long.toString(snap.counter()));
      manifest.setProperty("createdAt", db.now().toString());
      try (OutputStream file = Files.newOutputStream(partial);
          OutputStream enc = ArchiveCipher.encrypting(file, password, kdf);
          ZipOutputStream zip = new ZipOutputStream(enc)) {
        zip.setLevel(Deflater.BEST_SPEED);
        try (ZipFile h2 = new ZipFile(h2zip.toFile())) {
          ZipEntry dbEntry = h2.getEntry(DataLayout.DB_NAME + ".mv.db");
          if (dbEntry == null) {
            throw new IOException("H2 backup has no database entry");
          }
          try (InputStream in = h2.getInputStream(dbEntry)) {
            add(zip, BackupArchive.DB, in, manifest);
          }
        }
        add(
            zip,
            BackupArchive.MARKER,
            CommitMarker.format(snap.counter(), snap.auditHead()),
            manifest);
        add(zip, BackupArchive.KEYRING, snap.keyring(), manifest);
        if (snap.journal().length > 0) {
          add(zip, BackupArchive.JOURNAL, snap.journal(), manifest);
        }
        zip.putNextEntry(new ZipEntry(BackupArchive.MANIFEST));
        manifest.store(zip, "MediTwin backup");
        zip.closeEntry();
      }
      FileSync.file(partial);
      try {
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.size(target);
    } finally {
      Files.deleteIfExists(h2zip);
      Files.deleteIfExists(partial);
    }
  }

  private record Snapshot(
      long counter, CommitMarker.AuditHead auditHead, byte[] keyring, byte[] journal) {}

  /** Runs with the database lock held: no transaction (and no key-ring change) in between. */
  private static Snapshot snapshot(Database db, DataLayout layout, Path h2zip) {
    long counter = db.backupTo(h2zip);
    try {
      byte[] keyring = Files.readAllBytes(layout.keyring());
      byte[] journal =
          Files.exists(layout.preAuthJournal())
              ? Files.readAllBytes(layout.preAuthJournal())
              : new byte[0];
      return new Snapshot(counter, db.auditHead(), keyring, journal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(ZipOutputStream zip, String name, byte[] data, Properties manifest)
      throws IOException {
    add(zip, name, new ByteArrayInputStream(data), manifest);
  }

  private static void add(ZipOutputStream zip, String name, InputStream in, Properties manifest)
      throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    String[] sizeAndHash = BackupArchive.copy(in, zip);
    zip.closeEntry();
    manifest.setProperty(name + ".size", sizeAndHash[0]);
    manifest.setProperty(name + ".sha256", sizeAndHash[1]);
  }
}
