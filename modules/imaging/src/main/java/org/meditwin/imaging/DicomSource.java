package org.meditwin.imaging;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where one DICOM object is read from: a file read in place, an entry of a zip archive (read from
 * the archive each time, never extracted to disk: the data may carry PHI), or bytes held in memory
 * (an object decrypted from the patient's imaging archive or received from a PACS; never written to
 * a temporary file).
 */
public sealed interface DicomSource {

  /** Opens the object's bytes; the caller closes the stream. */
  InputStream open() throws IOException;

  /** Size in bytes (uncompressed for archive entries). */
  long size() throws IOException;

  /** A short name for messages in the UI (file or entry name). */
  String displayName();

  static DicomSource file(Path path) {
    return new FileSource(path);
  }

  static DicomSource zipEntry(Path archive, String entry, long size) {
    return new ZipEntrySource(archive, entry, size);
  }

  /**
   * Bytes already in memory (not copied: the caller hands them over and must not change them).
   *
   * @param key identifies the object for caches (e.g. "archive:&lt;id&gt;"); sources with the same
   *     key are equal
   */
  static DicomSource memory(String key, String displayName, byte[] bytes) {
    java.util.Objects.requireNonNull(bytes, "bytes");
    return new InMemorySource(key, displayName, bytes.length, () -> bytes);
  }

  /**
   * Bytes fetched on first use (e.g. decrypted from the clinical store) and kept only softly: the
   * garbage collector may drop them under memory pressure and the next {@link #open()} fetches them
   * again.
   */
  static DicomSource memory(
      String key, String displayName, long size, InMemorySource.Loader loader) {
    return new InMemorySource(key, displayName, size, loader);
  }

  /** An object held in memory (see {@link #memory}); equal when the keys are equal. */
  final class InMemorySource implements DicomSource {
    /** Fetches the object's bytes. */
    @FunctionalInterface
    public interface Loader {
      byte[] load() throws IOException;
    }

    private final String key;
    private final String displayName;
    private final long size;
    private final Loader loader;
    private java.lang.ref.SoftReference<byte[]> cached = new java.lang.ref.SoftReference<>(null);

    private InMemorySource(String key, String displayName, long size, Loader loader) {
      this.key = java.util.Objects.requireNonNull(key, "key");
      this.displayName = java.util.Objects.requireNonNull(displayName, "displayName");
      this.size = size;
      this.loader = java.util.Objects.requireNonNull(loader, "loader");
    }

    public String key() {
      return key;
    }

    /** The bytes (fetched when not held); do not modify the returned array. */
    public synchronized byte[] bytes() throws IOException {
      byte[] b = cached.get();
      if (b == null) {
        b = loader.load();
        cached = new java.lang.ref.SoftReference<>(b);
      }
      return b;
    }

    @Override
    public InputStream open() throws IOException {
      return new java.io.ByteArrayInputStream(bytes());
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public String displayName() {
      return displayName;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof InMemorySource other && other.key.equals(key);
    }

    @Override
    public int hashCode() {
      return key.hashCode();
    }

    @Override
    public String toString() {
      return "InMemorySource[" + key + "]";
    }
  }

  /** A file on disk. */
  record FileSource(Path path) implements DicomSource {
    @Override
    public InputStream open() throws IOException {
      return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }

    @Override
    public long size() throws IOException {
      return Files.size(path);
    }

    @Override
    public String displayName() {
      Path name = path.getFileName();
      return name == null ? path.toString() : name.toString();
    }
  }

  /** An entry of a zip archive (the name was checked for zip-slip when the archive was listed). */
  record ZipEntrySource(Path archive, String entry, long size) implements DicomSource {
    @Override
    public InputStream open() throws IOException {
      ZipFile zip = new ZipFile(archive.toFile());
      ZipEntry e = zip.getEntry(entry);
      if (e == null) {
        zip.close();
        throw new IOException("archive entry vanished");
      }
      InputStream in = new BoundedInputStream(zip.getInputStream(e), size);
      return new BufferedInputStream(
          new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
              try {
                super.close();
              } finally {
                zip.close();
              }
            }
          },
          1 << 16);
    }

    @Override
    public String displayName() {
      int slash = entry.lastIndexOf('/');
      return slash < 0 ? entry : entry.substring(slash + 1);
    }
  }
}
