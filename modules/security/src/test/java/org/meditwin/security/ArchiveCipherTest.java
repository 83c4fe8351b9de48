package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveCipherTest {
  private static final char[] PW = "archive passphrase".toCharArray();
  private static final int CHUNK = ArchiveCipher.CHUNK;

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] encrypt(byte[] plain) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (OutputStream out = ArchiveCipher.encrypting(bos, PW, KdfParams.fastForTests())) {
      // write in odd-sized pieces to exercise buffering across chunk boundaries
      int pos = 0;
      int step = 1;
      while (pos < plain.length) {
        int n = Math.min(step, plain.length - pos);
        out.write(plain, pos, n);
        pos += n;
        step = step * 3 + 7;
      }
    }
    return bos.toByteArray();
  }

  static byte[] decrypt(byte[] archive, char[] pw) throws IOException {
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(archive), pw)) {
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 12345})
  void archiveRoundtripAtAndAroundChunkBoundaries(int size) throws IOException {
    byte[] plain = randomBytes(size, size);
    byte[] archive = encrypt(plain);
    int chunks = Math.max(1, (size + CHUNK - 1) / CHUNK);
    assertThat(archive).hasSize(ArchiveCipher.HEADER_BYTES + size + 16 * chunks);
    assertThat(new String(archive, 0, 7, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("MTWBAK1");
    assertThat(decrypt(archive, PW)).isEqualTo(plain);
  }

  @Test
  void singleByteReadsWork() throws IOException {
    byte[] plain = randomBytes(CHUNK + 3, 1);
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(encrypt(plain)), PW)) {
      for (byte b : plain) {
        assertThat(in.read()).isEqualTo(b & 0xff);
      }
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void archiveWrongPassword() throws IOException {
    byte[] archive = encrypt(randomBytes(100, 2));
    assertThatThrownBy(() -> decrypt(archive, "not the password".toCharArray()))
        .isInstanceOf(WrongPasswordException.class)
        .hasMessageContaining("password");
  }

  @Test
  void truncatedArchiveIsDetected() throws IOException {
    byte[] plain = randomBytes(3 * CHUNK + 100, 3);
    byte[] archive = encrypt(plain);
    int h = ArchiveCipher.HEADER_BYTES;
    int sealedChunk = CHUNK + 16;
    int[] cuts = {
      archive.length - 1, // inside final chunk
      h + 3 * sealedChunk, // exactly on a chunk boundary: last chunk dropped
      h + sealedChunk, // after first chunk
      h, // header only
      h + 10,
      h - 1, // inside the header
      3
    };
    for (int cut : cuts) {
      byte[] truncated = Arrays.copyOf(archive, cut);
      assertThatThrownBy(() -> decrypt(truncated, PW))
          .as("cut at %d", cut)
          .isInstanceOf(CorruptArchiveException.class);
    }
  }

  @Test
  void truncationAtBoundaryOfExactMultipleIsDetected() throws IOException {
    byte[] archive = encrypt(randomBytes(2 * CHUNK, 4));
    byte[] oneChunk = Arrays.copyOf(archive, ArchiveCipher.HEADER_BYTES + CHUNK + 16);
    assertThatThrownBy(() -> decrypt(oneChunk, PW)).isInstanceOf(CorruptArchiveException.class);
  }

  @Test
  void flippedByteIsDetectedAnywhere() throws IOException {
    byte[] archive = encrypt(randomBytes(CHUNK + 500, 5));
    int h = ArchiveCipher.HEADER_BYTES;
    int[] positions = {h, h + 1000, h + CHUNK + 15, h + CHUNK + 16 + 3, archive.length - 1};
    for (int p : positions) {
      byte[] bad = archive.clone();
      bad[p] ^= 0x40;
      assertThatThrownBy(() -> decrypt(bad, PW))
          .as("flip at %d", p)
          .isInstanceOf(CorruptArchiveException.class);
    }
    // Header bytes: magic/version/params/chunk size are corrupt; salt or key check look like a
    // wrong password (they change the derived key) — either way our exception, never data.
    for (int p = 0; p < h; p++) {
      byte[] bad = archive.clone();
      bad[p] ^= 0x01;
      assertThatThrownBy(() -> decrypt(bad, PW))
          .as("header flip at %d", p)
          .isInstanceOfAny(CorruptArchiveException.class, WrongPasswordException.class);
    }
  }

  @Test
  void reorderedChunksAreDetected() throws IOException {
    byte[] archive = encrypt(randomBytes(3 * CHUNK, 6));
    int h = ArchiveCipher.HEADER_BYTES;
    int s = CHUNK + 16;
    byte[] swapped = archive.clone();
    System.arraycopy(archive, h, swapped, h + s, s);
    System.arraycopy(archive, h + s, swapped, h, s);
    assertThatThrownBy(() -> decrypt(swapped, PW)).isInstanceOf(CorruptArchiveException.class);
  }

  @Test
  void appendedDataIsDetected() throws IOException {
    byte[] archive = encrypt(randomBytes(CHUNK, 7));
    byte[] longer = Arrays.copyOf(archive, archive.length + 1);
    assertThatThrownBy(() -> decrypt(longer, PW)).isInstanceOf(CorruptArchiveException.class);
  }

  @Test
  void notAnArchiveSaysSo() {
    byte[] junk =
        "PK\u0003\u0004 a zip file".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> decrypt(junk, PW))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("not a MediTwin backup archive");
  }

  @Test
  void archivesOfSameDataDifferAndNothingIsReleasedBeforeAuthentication() throws IOException {
    byte[] plain = randomBytes(CHUNK + 10, 8);
    assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    byte[] archive = encrypt(plain);
    archive[ArchiveCipher.HEADER_BYTES + 5] ^= 1; // first chunk damaged
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(archive), PW)) {
      byte[] buf = new byte[10];
      assertThatThrownBy(() -> in.read(buf)).isInstanceOf(CorruptArchiveException.class);
      assertThat(buf).containsOnly(0);
    }
  }

  @Test
  void readsAfterACorruptChunkKeepFailing() throws IOException {
    byte[] archive = encrypt(randomBytes(3 * CHUNK, 10));
    archive[ArchiveCipher.HEADER_BYTES + 7] ^= 1;
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(archive), PW)) {
      byte[] buf = new byte[CHUNK];
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> in.read(buf)).isInstanceOf(CorruptArchiveException.class);
      }
    }
  }

  @Test
  void absurdKdfParamsInTheHeaderAreRejectedBeforeAnyWork() throws IOException {
    byte[] archive = encrypt(randomBytes(10, 11));
    // memoryKiB sits after magic(7), version(1), saltLen(1), salt(16)
    java.nio.ByteBuffer.wrap(archive).putInt(7 + 1 + 1 + 16, Integer.MAX_VALUE);
    assertThatThrownBy(() -> decrypt(archive, PW))
        .isInstanceOf(CorruptArchiveException.class)
        .hasMessageContaining("header");
  }
}
