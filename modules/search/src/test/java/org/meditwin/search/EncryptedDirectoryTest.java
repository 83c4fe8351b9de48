package org.meditwin.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.RandomAccessInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedDirectoryTest {
  private static final byte[] KEY = new byte[32];
  private static final byte[] OTHER_KEY = new byte[32];

  static {
    new Random(1).nextBytes(KEY);
    new Random(2).nextBytes(OTHER_KEY);
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static void write(Directory dir, String name, byte[] data) throws IOException {
    try (IndexOutput out = dir.createOutput(name, IOContext.DEFAULT)) {
      // mix single-byte and bulk writes across buffer boundaries
      int i = 0;
      Random r = new Random(data.length);
      while (i < data.length) {
        if (r.nextInt(4) == 0) {
          out.writeByte(data[i++]);
        } else {
          int n = Math.min(data.length - i, 1 + r.nextInt(40_000));
          out.writeBytes(data, i, n);
          i += n;
        }
      }
      assertThat(out.getFilePointer()).isEqualTo(data.length);
    }
  }

  @Test
  void roundTripsAndReportsPlaintextLength() throws IOException {
    Directory dir = new EncryptedDirectory(new ByteBuffersDirectory(), KEY);
    byte[] data = randomBytes(100_003, 7);
    write(dir, "f", data);
    assertThat(dir.fileLength("f")).isEqualTo(data.length);
    try (IndexInput in = dir.openInput("f", IOContext.DEFAULT)) {
      byte[] back = new byte[data.length];
      in.readBytes(back, 0, back.length);
      assertThat(back).isEqualTo(data);
    }
  }

  @Test
  void ciphertextDiffersFromPlaintextAndBetweenFiles() throws IOException {
    ByteBuffersDirectory raw = new ByteBuffersDirectory();
    Directory dir = new EncryptedDirectory(raw, KEY);
    byte[] data = new byte[4096]; // all zeros: ciphertext is the key stream
    write(dir, "a", data);
    write(dir, "b", data);
    byte[] a = readAll(raw, "a");
    byte[] b = readAll(raw, "b");
    assertThat(a).hasSize(4096 + EncryptedDirectory.HEADER_LENGTH);
    int h = EncryptedDirectory.HEADER_LENGTH;
    assertThat(java.util.Arrays.copyOfRange(a, h, a.length)).isNotEqualTo(data);
    assertThat(java.util.Arrays.copyOfRange(a, h, a.length))
        .isNotEqualTo(java.util.Arrays.copyOfRange(b, h, b.length));
  }

  @Test
  void randomAccessSeekCloneAndSliceReadTheSameBytesAsThePlaintext() throws IOException {
    Directory dir = new EncryptedDirectory(new ByteBuffersDirectory(), KEY);
    byte[] data = randomBytes(300_000, 11);
    write(dir, "f", data);
    Random r = new Random(3);
    try (IndexInput in = dir.openInput("f", IOContext.DEFAULT)) {
      for (int i = 0; i < 2_000; i++) {
        int pos = r.nextInt(data.length);
        int len = Math.min(data.length - pos, r.nextInt(10_000));
        in.seek(pos);
        byte[] got = new byte[len];
        in.readBytes(got, 0, len);
        assertThat(got).isEqualTo(java.util.Arrays.copyOfRange(data, pos, pos + len));
      }
      IndexInput clone = in.clone();
      clone.seek(12_345);
      in.seek(99);
      assertThat(clone.readByte()).isEqualTo(data[12_345]);
      assertThat(in.readByte()).isEqualTo(data[99]);

      int off = 70_001;
      IndexInput slice = in.slice("s", off, 50_000);
      assertThat(slice.length()).isEqualTo(50_000);
      for (int i = 0; i < 500; i++) {
        int p = r.nextInt(50_000);
        slice.seek(p);
        assertThat(slice.readByte()).isEqualTo(data[off + p]);
      }
      IndexInput sliceClone = slice.clone();
      sliceClone.seek(17);
      assertThat(sliceClone.readByte()).isEqualTo(data[off + 17]);
      IndexInput nested = slice.slice("n", 1000, 100);
      nested.seek(5);
      assertThat(nested.readByte()).isEqualTo(data[off + 1005]);

      RandomAccessInput ra = in.randomAccessSlice(0, data.length);
      for (int i = 0; i < 500; i++) {
        int p = r.nextInt(data.length - 8);
        long expected = 0;
        for (int k = 7; k >= 0; k--) {
          expected = (expected << 8) | (data[p + k] & 0xFF);
        }
        assertThat(ra.readLong(p)).isEqualTo(expected);
      }
    }
  }

  @Test
  void randomAccessFilesDecryptIntoMemoryOrStreamAndReadTheSameBytes() throws IOException {
    byte[] data = randomBytes(70_000, 13);
    IOContext random = IOContext.DEFAULT.withHints(org.apache.lucene.store.DataAccessHint.RANDOM);
    for (long limit : new long[] {EncryptedDirectory.DEFAULT_IN_MEMORY_RANDOM_ACCESS_LIMIT, 0}) {
      Directory dir = new EncryptedDirectory(new ByteBuffersDirectory(), KEY, limit);
      write(dir, "v", data);
      try (IndexInput in = dir.openInput("v", random)) {
        assertThat(in.length()).isEqualTo(data.length);
        Random r = new Random(limit);
        IndexInput slice = in.slice("s", 1000, 60_000);
        for (int i = 0; i < 1000; i++) {
          int p = r.nextInt(60_000 - 1536);
          float[] floats = new float[384];
          slice.seek(p);
          slice.readFloats(floats, 0, 384);
          java.nio.ByteBuffer expected =
              java.nio.ByteBuffer.wrap(data, 1000 + p, 1536)
                  .order(java.nio.ByteOrder.LITTLE_ENDIAN);
          for (int k = 0; k < 384; k++) {
            assertThat(Float.floatToRawIntBits(floats[k]))
                .isEqualTo(Float.floatToRawIntBits(expected.getFloat()));
          }
        }
      }
    }
  }

  @Test
  void randomAccessFilesShareAnOffHeapBudgetReleasedOnCloseAndFallBackToStreamingBeyondIt()
      throws IOException {
    // 2.5 MiB: crosses the 1 MiB off-heap chunk boundaries
    byte[] data = randomBytes((5 << 20) / 2, 21);
    IOContext random = IOContext.DEFAULT.withHints(org.apache.lucene.store.DataAccessHint.RANDOM);
    EncryptedDirectory dir = new EncryptedDirectory(new ByteBuffersDirectory(), KEY, 3L << 20);
    write(dir, "a", data);
    write(dir, "b", data);
    IndexInput a = dir.openInput("a", random);
    assertThat(dir.inMemoryBytes()).isEqualTo(data.length);
    try (IndexInput b = dir.openInput("b", random)) {
      // no room left in the budget: b decrypts per read, and both read the plaintext
      assertThat(dir.inMemoryBytes()).isEqualTo(data.length);
      Random r = new Random(3);
      RandomAccessInput ra = a.randomAccessSlice(0, data.length);
      IndexInput clone = a.clone();
      IndexInput slice = a.slice("s", 1 << 20, data.length - (1 << 20));
      for (int i = 0; i < 500; i++) {
        int p = r.nextInt(data.length - 8);
        long expected =
            java.nio.ByteBuffer.wrap(data, p, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(ra.readLong(p)).isEqualTo(expected);
        clone.seek(p);
        assertThat(clone.readLong()).isEqualTo(expected);
        b.seek(p);
        assertThat(b.readLong()).isEqualTo(expected);
        if (p >= 1 << 20) {
          slice.seek(p - (1 << 20));
          assertThat(slice.readLong()).isEqualTo(expected);
        }
      }
      byte[] all = new byte[data.length];
      clone.seek(0);
      clone.readBytes(all, 0, all.length);
      assertThat(all).isEqualTo(data);
      clone.close(); // closing a clone keeps the memory of the original
      assertThat(dir.inMemoryBytes()).isEqualTo(data.length);
    }
    a.close();
    assertThat(dir.inMemoryBytes()).isZero();
    try (IndexInput again = dir.openInput("b", random)) {
      assertThat(dir.inMemoryBytes()).isEqualTo(data.length);
      again.seek(data.length - 1);
      assertThat(again.readByte()).isEqualTo(data[data.length - 1]);
    }
    assertThat(dir.inMemoryBytes()).isZero();
  }

  @Test
  void checksumInputMatchesTheWrittenChecksum() throws IOException {
    Directory dir = new EncryptedDirectory(new ByteBuffersDirectory(), KEY);
    byte[] data = randomBytes(50_000, 5);
    long written;
    try (IndexOutput out = dir.createOutput("c", IOContext.DEFAULT)) {
      out.writeBytes(data, data.length);
      written = out.getChecksum();
    }
    try (ChecksumIndexInput in = dir.openChecksumInput("c")) {
      in.seek(data.length);
      assertThat(in.getChecksum()).isEqualTo(written);
    }
  }

  @Test
  void rejectsAWrongKeyWithADedicatedException() throws IOException {
    ByteBuffersDirectory raw = new ByteBuffersDirectory();
    write(new EncryptedDirectory(raw, KEY), "f", randomBytes(10, 1));
    Directory wrong = new EncryptedDirectory(raw, OTHER_KEY);
    assertThatThrownBy(() -> wrong.openInput("f", IOContext.DEFAULT))
        .isInstanceOf(IndexKeyMismatchException.class);
  }

  @Test
  void rejectsKeysThatAreNot32Bytes() {
    assertThatThrownBy(() -> new EncryptedDirectory(new ByteBuffersDirectory(), new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final String MARKER = "Zyxomarkerplasia";

  private static List<IndexDocument> markedDocs() {
    List<IndexDocument> docs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      docs.add(
          new IndexDocument(
              "note-" + i,
              "Visit note " + MARKER,
              "Patient reports "
                  + MARKER
                  + " since March. Blood pressure 140/90. Follow-up in "
                  + i
                  + " weeks.",
              DocumentMetadata.patientRecord(
                  "PAT-" + MARKER, "note", Optional.of("cardiology"), Optional.empty())));
    }
    return docs;
  }

  @Test
  void noIndexFileContainsTheMarkerWhenEncrypted(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("idx");
    try (SearchService s =
        SearchService.open(
            dir, KEY, Optional.of(new HashingTestEmbedder()), SearchConfig.defaults())) {
      s.upsertAll(markedDocs(), org.meditwin.core.task.ProgressListener.NONE);
      s.commit();
      assertThat(s.search(SearchRequest.of(MARKER)).hits()).isNotEmpty();
    }
    assertThat(filesContaining(dir)).isEmpty();
  }

  @Test
  void theMarkerScanFindsPlaintextInAnUnencryptedIndex(@TempDir Path tmp) throws IOException {
    // control: proves the scan above can fail
    Path dir = tmp.resolve("plain");
    try (SearchService s =
        SearchService.open(
            FSDirectory.open(dir),
            Optional.of(new HashingTestEmbedder()),
            SearchConfig.defaults())) {
      s.upsertAll(markedDocs(), org.meditwin.core.task.ProgressListener.NONE);
      s.commit();
    }
    assertThat(filesContaining(dir)).isNotEmpty();
  }

  private static List<Path> filesContaining(Path dir) throws IOException {
    byte[][] needles = {
      MARKER.getBytes(StandardCharsets.UTF_8),
      MARKER.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
      "zyxomarkerplasia".substring(0, 12).getBytes(StandardCharsets.UTF_8),
      "PAT-".getBytes(StandardCharsets.UTF_8),
      "cardiology".getBytes(StandardCharsets.UTF_8)
    };
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        byte[] content = Files.readAllBytes(f);
        for (byte[] n : needles) {
          if (indexOf(content, n) >= 0) {
            hits.add(f);
            break;
          }
        }
      }
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] readAll(Directory d, String name) throws IOException {
    try (IndexInput in = d.openInput(name, IOContext.DEFAULT)) {
      byte[] b = new byte[(int) in.length()];
      in.readBytes(b, 0, b.length);
      return b;
    }
  }
}
