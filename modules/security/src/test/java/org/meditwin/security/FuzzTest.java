package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.UserId;

/** Random and mutated inputs must fail with our exceptions, never anything else. */
class FuzzTest {
  private static final char[] PW = "fuzz password".toCharArray();

  @Test
  void archiveDecryptionOfMutatedBytesThrowsOnlyOurExceptions() throws Exception {
    byte[] archive = ArchiveCipherTest.encrypt(ArchiveCipherTest.randomBytes(70_000, 9));
    Random rnd = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 200; i++) {
      byte[] input = mutate(archive, rnd);
      Throwable t = decryptFailure(input);
      if (t == null) {
        accepted++;
      } else {
        assertThat(t).isInstanceOfAny(CorruptArchiveException.class, WrongPasswordException.class);
      }
    }
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[rnd.nextInt(200)];
      rnd.nextBytes(junk);
      if (rnd.nextBoolean() && junk.length >= 8) {
        System.arraycopy("MTWBAK1".getBytes(StandardCharsets.US_ASCII), 0, junk, 0, 7);
        junk[7] = 1;
      }
      Throwable t = decryptFailure(junk);
      assertThat(t).isInstanceOfAny(CorruptArchiveException.class, WrongPasswordException.class);
    }
    // Every mutation changes the bytes, so none may decrypt.
    assertThat(accepted).isZero();
  }

  private static Throwable decryptFailure(byte[] input) {
    try (InputStream in = ArchiveCipher.decrypting(new ByteArrayInputStream(input), PW)) {
      in.readAllBytes();
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  /** Flip, drop, duplicate or truncate — always changing the bytes. */
  static byte[] mutate(byte[] src, Random rnd) {
    byte[] b = src.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        int p = rnd.nextInt(b.length);
        b[p] ^= (byte) (1 + rnd.nextInt(255));
      }
      case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 2 -> {
        int p = rnd.nextInt(b.length);
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, p);
        System.arraycopy(b, p + 1, out, p, b.length - p - 1);
        b = out;
      }
      default -> {
        int p = rnd.nextInt(b.length);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, p);
        out[p] = (byte) rnd.nextInt(256);
        System.arraycopy(b, p, out, p + 1, b.length - p);
        b = out;
      }
    }
    return b;
  }

  @Test
  void keyRingLoadOfMutatedBytesThrowsOnlyKeyRingException(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keyring.json");
    KeyRing ring =
        KeyRing.create(file, KdfParams.fastForTests(), Clock.systemUTC(), LockoutPolicy.standard());
    try (DataKey key = DataKey.generate()) {
      ring.addUser("alice", UserId.random(), PW, key);
      ring.addUser("bob", UserId.random(), PW, key);
      ring.setSealingPublicKey(SealedJournal.generateKeyPair().getPublic().getEncoded());
    }
    ring.verify("nobody", PW);
    byte[] good = Files.readAllBytes(file);
    Random rnd = new Random(7);
    Path target = dir.resolve("mutated.json");
    for (int i = 0; i < 400; i++) {
      byte[] input;
      if (i % 4 == 3) {
        input = new byte[rnd.nextInt(300)];
        rnd.nextBytes(input);
      } else {
        input = mutate(good, rnd);
      }
      Files.write(target, input);
      try {
        KeyRing loaded =
            KeyRing.load(
                target, KdfParams.fastForTests(), Clock.systemUTC(), LockoutPolicy.standard());
        // A mutation inside a base64 value or a counter can still parse; it must stay usable.
        loaded.hasUsers();
        loaded.usernames().forEach(u -> loaded.lockedUntil(u));
      } catch (KeyRingException expected) {
        assertThat(expected.kind()).isEqualTo(KeyRingException.Kind.CORRUPT);
        assertThat(expected.userMessage()).contains("keyring.json");
      }
    }
  }

  @Test
  void sealedJournalSkipsRandomLinesAndKeepsGoodOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("journal");
    java.security.KeyPair kp = SealedJournal.generateKeyPair();
    byte[] pub = kp.getPublic().getEncoded();
    SealedJournal.append(file, pub, "first".getBytes(StandardCharsets.UTF_8));
    String line = Files.readAllLines(file).getFirst();
    Random rnd = new Random(3);
    StringBuilder junk = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      char[] l = line.toCharArray();
      int p = rnd.nextInt(l.length);
      l[p] = "ABCxyz019+/=!".charAt(rnd.nextInt(13));
      String mutated = new String(l);
      if (!mutated.equals(line)) {
        junk.append(mutated).append('\n');
      }
      byte[] raw = new byte[rnd.nextInt(120)];
      rnd.nextBytes(raw);
      junk.append(java.util.Base64.getEncoder().encodeToString(raw)).append('\n');
    }
    Files.writeString(file, junk, java.nio.file.StandardOpenOption.APPEND);
    SealedJournal.append(file, pub, "last".getBytes(StandardCharsets.UTF_8));
    assertThat(SealedJournal.drain(file, kp.getPrivate()))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .containsExactly("first", "last");
  }
}
