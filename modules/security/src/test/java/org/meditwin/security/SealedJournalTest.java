package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealedJournalTest {
  @TempDir Path dir;

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void sealedJournalRoundtripAndDrainTruncates() throws Exception {
    Path file = dir.resolve("audit-preauth.journal");
    KeyPair kp = SealedJournal.generateKeyPair();
    byte[] pub = kp.getPublic().getEncoded();
    SealedJournal.append(file, pub, utf8("LOGIN_FAILURE u_1"));
    SealedJournal.append(file, pub, utf8("LOGIN_FAILURE u_2"));
    SealedJournal.append(file, pub, new byte[0]);
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3).allMatch(l -> l.matches("[A-Za-z0-9+/=]+"));
    assertThat(Files.readString(file)).doesNotContain("LOGIN_FAILURE");

    List<byte[]> peek = SealedJournal.read(file, kp.getPrivate());
    assertThat(peek).hasSize(3);
    assertThat(Files.size(file)).isPositive();

    List<byte[]> drained = SealedJournal.drain(file, kp.getPrivate());
    assertThat(drained)
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("LOGIN_FAILURE u_1", "LOGIN_FAILURE u_2", "");
    assertThat(Files.size(file)).isZero();
    assertThat(SealedJournal.drain(file, kp.getPrivate())).isEmpty();
  }

  @Test
  void sameRecordSealsDifferentlyEachTime() throws Exception {
    Path file = dir.resolve("j");
    byte[] pub = SealedJournal.generateKeyPair().getPublic().getEncoded();
    SealedJournal.append(file, pub, utf8("same"));
    SealedJournal.append(file, pub, utf8("same"));
    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isNotEqualTo(lines.get(1));
  }

  @Test
  void tornLastLineIsSkippedAndLaterAppendsStillReadable() throws Exception {
    Path file = dir.resolve("j");
    KeyPair kp = SealedJournal.generateKeyPair();
    byte[] pub = kp.getPublic().getEncoded();
    SealedJournal.append(file, pub, utf8("one"));
    SealedJournal.append(file, pub, utf8("two"));
    // Crash mid-append: cut the file in the middle of the second line.
    byte[] all = Files.readAllBytes(file);
    int firstNl = indexOf(all, (byte) '\n');
    Files.write(file, java.util.Arrays.copyOf(all, firstNl + 1 + 20));
    assertThat(SealedJournal.read(file, kp.getPrivate()))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("one");
    // The next append must not glue onto the torn fragment.
    SealedJournal.append(file, pub, utf8("three"));
    assertThat(SealedJournal.drain(file, kp.getPrivate()))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("one", "three");
  }

  @Test
  void damagedOrForeignLinesAreSkippedNotFatal() throws Exception {
    Path file = dir.resolve("j");
    KeyPair mine = SealedJournal.generateKeyPair();
    KeyPair other = SealedJournal.generateKeyPair();
    SealedJournal.append(file, mine.getPublic().getEncoded(), utf8("a"));
    SealedJournal.append(file, other.getPublic().getEncoded(), utf8("foreign"));
    Files.writeString(file, "!!not base64!!\nAAAA\n", StandardOpenOption.APPEND);
    SealedJournal.append(file, mine.getPublic().getEncoded(), utf8("b"));
    String text = Files.readString(file);
    // flip one character inside the first record
    char c = text.charAt(30);
    String flipped = text.substring(0, 30) + (c == 'A' ? 'B' : 'A') + text.substring(31);
    Files.writeString(file, flipped);
    assertThat(SealedJournal.read(file, mine.getPrivate()))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("b");
  }

  @Test
  void concurrentAppendsFromThreadsStayIntact() throws Exception {
    Path file = dir.resolve("j");
    KeyPair kp = SealedJournal.generateKeyPair();
    byte[] pub = kp.getPublic().getEncoded();
    int threads = 4;
    int each = 25;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
      List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    SealedJournal.append(file, pub, utf8(id + ":" + i));
                  }
                }));
      }
      futures.add(pool.submit(() -> SealedJournal.read(file, kp.getPrivate())));
      for (var f : futures) {
        f.get();
      }
    }
    assertThat(SealedJournal.drain(file, kp.getPrivate())).hasSize(threads * each);
  }

  @Test
  void missingFileDrainsEmpty() {
    assertThat(
            SealedJournal.drain(
                dir.resolve("absent"), SealedJournal.generateKeyPair().getPrivate()))
        .isEmpty();
  }

  @Test
  void rejectsANonX25519PublicKey() {
    assertThatThrownBy(() -> SealedJournal.append(dir.resolve("j"), new byte[] {1, 2}, utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.exists(dir.resolve("j"))).isFalse();
  }

  private static int indexOf(byte[] a, byte b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
