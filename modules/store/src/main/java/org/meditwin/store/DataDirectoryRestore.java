package org.meditwin.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.meditwin.core.MediTwinException;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.security.ArchiveCipher;
import org.meditwin.security.CorruptArchiveException;
import org.meditwin.security.KdfParams;
import org.meditwin.security.KeyRing;
import org.meditwin.security.LockoutPolicy;
import org.meditwin.security.SealedJournal;
import org.meditwin.security.WrongPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a data directory from an archive written by {@link
 * org.meditwin.core.service.BackupService}.
 *
 * <p>The archive is decrypted and unpacked into a staging directory next to the data directory and
 * checked completely (every entry's size and SHA-256 against the manifest, the database header, the
 * commit marker, the key ring) <em>before</em> anything is moved. Only then is the current data
 * directory renamed to {@code <dataDir>.before-restore-<timestamp>} (never deleted) and the staging
 * directory renamed into place. A wrong password or a damaged archive changes nothing.
 *
 * <p>After a restore, the passwords valid at backup time sign in. The restore itself is sealed into
 * the restored directory's pre-authentication journal and enters the audit chain at the next login.
 */
public final class DataDirectoryRestore {

  private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryRestore.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private DataDirectoryRestore() {}

  /**
   * Restores {@code archive} into {@code dataDir}.
   *
   * @return where the previous data directory was moved to, or {@code dataDir} itself when there
   *     was none
   * @throws MediTwinException with a PHI-free message for a wrong password, a damaged or foreign
   *     archive, or an I/O failure; nothing is changed in these cases
   * @throws StoreUnavailableException IN_USE if the data directory is open (here or in another
   *     process)
   */
  public static Path restore(Path archive, char[] archivePassword, Path dataDir) {
    return restore(archive, archivePassword, dataDir, Clock.systemUTC());
  }

  static Path restore(Path archive, char[] archivePassword, Path dataDir, Clock clock) {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(archivePassword, "archivePassword");
    DataLayout target = new DataLayout(Objects.requireNonNull(dataDir, "dataDir"));
    if (!Files.isRegularFile(archive)) {
      throw new MediTwinException("The backup archive does not exist or is not a file.");
    }
    if (Database.isOpenHere(target.root())) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Kind.IN_USE,
          "Sign out and close the data directory before restoring.",
          null);
    }
    ensureNotLockedByAnotherProcess(target.dbFile());
    Path parent = target.root().getParent();
    String stamp = STAMP.format(clock.instant());
    Path staging;
    try {
      Files.createDirectories(parent);
      staging = unique(parent, target.root().getFileName() + ".restoring-" + stamp);
      Files.createDirectory(staging);
    } catch (IOException e) {
      throw new MediTwinException(
          "The restore could not start (" + e.getClass().getSimpleName() + ").", e);
    }
    try {
      unpack(archive, archivePassword, staging);
      validate(new DataLayout(staging));
    } catch (RuntimeException e) {
      deleteQuietly(staging);
      throw e;
    }
    Path aside = target.root();
    try {
      if (Files.exists(target.root())) {
        aside = unique(parent, target.root().getFileName() + ".before-restore-" + stamp);
        Files.move(target.root(), aside, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target.root(), StandardCopyOption.ATOMIC_MOVE);
      Files.createDirectories(target.logs());
      Files.createDirectories(target.tmp());
    } catch (IOException e) {
      deleteQuietly(staging);
      throw new MediTwinException(
          "The restore could not move the directories ("
              + e.getClass().getSimpleName()
              + "); the previous data directory is at "
              + aside.getFileName()
              + ".",
          e);
    }
    recordRestore(target, clock);
    LOG.info("Data directory restored from a backup archive");
    return aside;
  }

  private static void unpack(Path archive, char[] password, Path staging) {
    Map<String, String[]> seen = new HashMap<>();
    Properties manifest = null;
    try (InputStream file = Files.newInputStream(archive);
        InputStream plain = ArchiveCipher.decrypting(file, password);
        ZipInputStream zip = new ZipInputStream(plain)) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        String name = entry.getName();
        if (seen.containsKey(name) || (manifest != null)) {
          throw damaged();
        }
        if (name.equals(BackupArchive.MANIFEST)) {
          manifest = new Properties();
          manifest.load(zip);
          continue;
        }
        if (!BackupArchive.FILES.contains(name)) {
          throw damaged();
        }
        Path out = staging.resolve(name);
        Files.createDirectories(out.getParent());
        try (OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
          seen.put(name, BackupArchive.copy(zip, o));
        }
      }
      // Read to the end so the final chunk's authentication tag is checked.
      plain.transferTo(OutputStream.nullOutputStream());
    } catch (WrongPasswordException e) {
      throw new MediTwinException("The archive password is wrong.", e);
    } catch (CorruptArchiveException e) {
      throw new MediTwinException(
          "The backup archive is damaged, incomplete or not a MediTwin backup.", e);
    } catch (ZipException e) {
      throw new MediTwinException("The backup archive is damaged.", e);
    } catch (NoSuchFileException e) {
      throw new MediTwinException("The backup archive does not exist.", e);
    } catch (IOException | UncheckedIOException e) {
      throw new MediTwinException(
          "The backup archive could not be read (" + e.getClass().getSimpleName() + ").", e);
    }
    if (manifest == null || !BackupArchive.FORMAT.equals(manifest.getProperty("format"))) {
      throw damaged();
    }
    for (String required : BackupArchive.REQUIRED) {
      if (!seen.containsKey(required)) {
        throw damaged();
      }
    }
    for (Map.Entry<String, String[]> e : seen.entrySet()) {
      String size = manifest.getProperty(e.getKey() + ".size");
      String hash = manifest.getProperty(e.getKey() + ".sha256");
      if (!e.getValue()[0].equals(size) || !e.getValue()[1].equals(hash)) {
        throw damaged();
      }
    }
  }

  private static MediTwinException damaged() {
    return new MediTwinException("The backup archive is damaged or incomplete.");
  }

  private static void validate(DataLayout staged) {
    try {
      if (!Database.hasEncryptedHeader(staged.dbFile())) {
        throw damaged();
      }
      CommitMarker.read(staged.commitMarker());
    } catch (IOException | CommitMarker.MalformedMarkerException e) {
      throw damaged();
    }
    try {
      KeyRing ring =
          KeyRing.load(
              staged.keyring(),
              KdfParams.production(),
              Clock.systemUTC(),
              LockoutPolicy.standard());
      if (!ring.hasUsers() || ring.sealingPublicKeyIfPresent().isEmpty()) {
        throw damaged();
      }
    } catch (MediTwinException e) {
      throw new MediTwinException("The key ring in the backup archive is damaged.", e);
    }
  }

  private static void recordRestore(DataLayout restored, Clock clock) {
    try {
      KeyRing ring =
          KeyRing.load(restored.keyring(), KdfParams.production(), clock, LockoutPolicy.standard());
      PreAuthRecord rec =
          new PreAuthRecord(clock.instant(), AuditAction.RESTORE, "", "restored-from-archive");
      SealedJournal.append(restored.preAuthJournal(), ring.sealingPublicKey(), rec.encode());
    } catch (RuntimeException e) {
      LOG.warn("The restore could not be journaled: {}", e.getClass().getSimpleName());
    }
  }

  /** Refuses when another process holds H2's lock on the database file. */
  private static void ensureNotLockedByAnotherProcess(Path dbFile) {
    if (!Files.exists(dbFile)) {
      return;
    }
    try (FileChannel ch =
        FileChannel.open(dbFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        throw inUse();
      }
      lock.release();
    } catch (OverlappingFileLockException e) {
      throw inUse();
    } catch (IOException e) {
      throw new MediTwinException(
          "The current database file cannot be checked (" + e.getClass().getSimpleName() + ").", e);
    }
  }

  private static StoreUnavailableException inUse() {
    return new StoreUnavailableException(
        StoreUnavailableException.Kind.IN_USE,
        "The data directory is in use by a running MediTwin. Close it before restoring.",
        null);
  }

  private static Path unique(Path parent, String name) {
    Path p = parent.resolve(name);
    for (int i = 2; Files.exists(p); i++) {
      p = parent.resolve(name + "-" + i);
    }
    return p;
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
          for (Path c : children) {
            deleteQuietly(c);
          }
        }
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("Could not delete a restore staging directory: {}", e.getClass().getSimpleName());
    }
  }
}
