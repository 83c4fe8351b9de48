package org.meditwin.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.core.MediTwinException;
import org.meditwin.security.KdfParams;
import org.meditwin.security.KeyRing;
import org.meditwin.security.LockoutPolicy;

/**
 * Health checks of a data directory that need no password and read no PHI (for {@code meditwin
 * doctor} and the start-up screen).
 */
public final class StoreDiagnostics {

  /** Free space below which the disk check fails. */
  static final long MIN_FREE_BYTES = 512L * 1024 * 1024;

  /**
   * @param name short stable check name
   * @param detail PHI-free explanation
   */
  public record Check(String name, boolean ok, String detail) {}

  private StoreDiagnostics() {}

  public static List<Check> check(Path dataDir) {
    DataLayout layout = new DataLayout(dataDir);
    List<Check> out = new ArrayList<>();
    out.add(writable(layout));
    out.add(freeSpace(layout));
    boolean initialised = KeyRing.exists(layout.keyring());
    out.add(
        new Check(
            "initialised",
            initialised,
            initialised ? "key ring present" : "not set up yet (no keyring.json)"));
    out.add(databaseFile(layout));
    out.add(commitMarker(layout));
    out.add(lock(layout));
    out.add(keyRing(layout));
    return out;
  }

  private static Check writable(DataLayout layout) {
    Path root = layout.root();
    if (!Files.isDirectory(root)) {
      return new Check("data directory writable", false, "directory does not exist");
    }
    try {
      Path probe = Files.createTempFile(root, ".write-probe", ".tmp");
      Files.delete(probe);
      return new Check("data directory writable", true, "writable");
    } catch (IOException e) {
      return new Check(
          "data directory writable", false, "cannot write (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Check freeSpace(DataLayout layout) {
    Path p = Files.isDirectory(layout.root()) ? layout.root() : layout.root().getParent();
    try {
      long free = Files.getFileStore(p).getUsableSpace();
      return new Check(
          "free disk space",
          free >= MIN_FREE_BYTES,
          String.format(Locale.ROOT, "%.1f GiB free", free / (1024.0 * 1024 * 1024)));
    } catch (IOException | NullPointerException e) {
      return new Check("free disk space", false, "cannot be determined");
    }
  }

  private static Check databaseFile(DataLayout layout) {
    Path f = layout.dbFile();
    String name = "database file";
    try {
      if (!Files.exists(f)) {
        return new Check(name, false, "missing (db/meditwin.mv.db)");
      }
      long size = Files.size(f);
      if (size == 0) {
        return new Check(name, false, "empty (0 bytes): restore from a backup");
      }
      if (!Database.hasEncryptedHeader(f)) {
        return new Check(name, false, "header damaged or not encrypted: restore from a backup");
      }
      return new Check(
          name, true, String.format(Locale.ROOT, "encrypted, %.1f MiB", size / (1024.0 * 1024)));
    } catch (IOException e) {
      return new Check(name, false, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Check commitMarker(DataLayout layout) {
    try {
      Optional<CommitMarker.Marker> v = CommitMarker.read(layout.commitMarker());
      return v.isPresent()
          ? new Check("commit marker", true, v.get().counter() + " committed transactions")
          : new Check(
              "commit marker", !Files.exists(layout.dbFile()), "missing (db/commit.marker)");
    } catch (CommitMarker.MalformedMarkerException e) {
      return new Check("commit marker", false, "damaged");
    } catch (IOException e) {
      return new Check(
          "commit marker", false, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Check lock(DataLayout layout) {
    Path f = layout.dbFile();
    if (Database.isOpenHere(layout.root())) {
      return new Check("not in use", true, "open in this application");
    }
    if (!Files.exists(f)) {
      return new Check("not in use", true, "no database file");
    }
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return new Check("not in use", false, "locked by another running MediTwin");
      }
      l.release();
      return new Check("not in use", true, "no other process holds the database");
    } catch (OverlappingFileLockException e) {
      return new Check("not in use", true, "open in this application");
    } catch (IOException e) {
      return new Check("not in use", false, "cannot check (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Check keyRing(DataLayout layout) {
    if (!KeyRing.exists(layout.keyring())) {
      return new Check("key ring readable", false, "missing (keyring.json)");
    }
    try {
      KeyRing ring =
          KeyRing.load(
              layout.keyring(),
              KdfParams.production(),
              Clock.systemUTC(),
              LockoutPolicy.standard());
      int users = ring.usernames().size();
      return new Check(
          "key ring readable",
          users > 0,
          users > 0 ? users + " user key(s)" : "no user keys: restore from a backup");
    } catch (MediTwinException e) {
      return new Check("key ring readable", false, e.userMessage());
    }
  }
}
