package org.meditwin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.AuthenticationException.Reason;
import org.meditwin.testsupport.MutableClock;

class KeyRingTest {
  private static final char[] PW = "correct horse battery".toCharArray();
  private static final KdfParams FAST = KdfParams.fastForTests();

  @TempDir Path dir;
  private Path file;
  private MutableClock clock;
  private KeyRing ring;
  private DataKey key;
  private final UserId alice = UserId.random();

  @BeforeEach
  void setUp() {
    file = dir.resolve("keyring.json");
    clock = MutableClock.atEpochDay();
    ring = KeyRing.create(file, FAST, clock, LockoutPolicy.standard());
    key = DataKey.generate();
  }

  private KeyRing reload() {
    return KeyRing.load(file, FAST, clock, LockoutPolicy.standard());
  }

  @Test
  void wrapUnwrapRoundtripSurvivesReload() {
    ring.addUser("alice", alice, PW, key);
    try (DataKey unlocked = reload().unlock("alice", PW)) {
      assertThat(unlocked.sameKeyAs(key)).isTrue();
    }
    assertThat(KeyRing.exists(file)).isTrue();
    assertThat(reload().hasUsers()).isTrue();
    assertThat(reload().userId("alice")).contains(alice);
    assertThat(reload().username(alice)).contains("alice");
  }

  @Test
  void newRingHasNoUsersAndCreateRefusesAnExistingFile() {
    assertThat(ring.hasUsers()).isFalse();
    assertThatThrownBy(() -> KeyRing.create(file, FAST, clock, LockoutPolicy.standard()))
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.ALREADY_EXISTS));
  }

  @Test
  void loadOfMissingFileSaysNotFound() {
    assertThatThrownBy(
            () -> KeyRing.load(dir.resolve("none.json"), FAST, clock, LockoutPolicy.standard()))
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.NOT_FOUND));
  }

  @Test
  void usernamesAreNormalised() {
    ring.addUser("  Zoe\u0301 ", alice, PW, key); // e + combining acute -> NFC é
    assertThat(ring.usernames()).containsExactly("zo\u00e9");
    try (DataKey k = ring.unlock("ZO\u00c9", PW)) {
      assertThat(k.sameKeyAs(key)).isTrue();
    }
  }

  @Test
  void rejectsWrongPassword() {
    ring.addUser("alice", alice, PW, key);
    AuthenticationException e =
        catchThrowableOfType(
            AuthenticationException.class, () -> ring.unlock("alice", "wrong".toCharArray()));
    assertThat(e.reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
    assertThat(e.lockedUntil()).isEmpty();
    assertThat(ring.verify("alice", "wrong".toCharArray())).isFalse();
    assertThat(ring.verify("alice", PW)).isTrue();
  }

  @Test
  void unknownUserSameMessage() {
    ring.addUser("alice", alice, PW, key);
    AuthenticationException wrongPw =
        catchThrowableOfType(
            AuthenticationException.class, () -> ring.unlock("alice", "nope".toCharArray()));
    AuthenticationException unknown =
        catchThrowableOfType(AuthenticationException.class, () -> ring.unlock("mallory", PW));
    assertThat(unknown.getMessage()).isEqualTo(wrongPw.getMessage());
    assertThat(unknown.reason()).isEqualTo(wrongPw.reason());
    assertThat(unknown.userMessage()).doesNotContain("mallory").doesNotContain("alice");
  }

  @Test
  void unknownUserLocksOutLikeAKnownOne() {
    ring.addUser("alice", alice, PW, key);
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> ring.unlock("alice", "x".toCharArray()))
          .hasMessage(KeyRing.WRONG_CREDENTIALS_MESSAGE);
      assertThatThrownBy(() -> ring.unlock("mallory", "x".toCharArray()))
          .hasMessage(KeyRing.WRONG_CREDENTIALS_MESSAGE);
    }
    AuthenticationException known =
        catchThrowableOfType(
            AuthenticationException.class, () -> ring.unlock("alice", "x".toCharArray()));
    AuthenticationException unknown =
        catchThrowableOfType(
            AuthenticationException.class, () -> reload().unlock("mallory", "x".toCharArray()));
    assertThat(unknown.reason()).isEqualTo(known.reason()).isEqualTo(Reason.LOCKED_OUT);
    assertThat(unknown.getMessage()).isEqualTo(known.getMessage());
    assertThat(unknown.lockedUntil()).isEqualTo(known.lockedUntil());
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void unknownUserCostsTheSameArgon2WorkAsAWrongPassword() {
    ring.addUser("alice", alice, PW, key);
    long w0 = Argon2.workDone();
    assertThatThrownBy(() -> ring.unlock("alice", "x".toCharArray()))
        .isInstanceOf(AuthenticationException.class);
    long w1 = Argon2.workDone();
    assertThatThrownBy(() -> ring.unlock("nobody", "x".toCharArray()))
        .isInstanceOf(AuthenticationException.class);
    long w2 = Argon2.workDone();
    assertThat(w1 - w0).isEqualTo((long) FAST.memoryKiB() * FAST.iterations());
    assertThat(w2 - w1).isEqualTo(w1 - w0);
  }

  @Test
  void locksOutAfterThresholdAndBackOffDoubles() {
    ring.addUser("alice", alice, PW, key);
    Instant start = clock.instant();
    for (int i = 1; i <= 4; i++) {
      assertThat(ring.verify("alice", "bad".toCharArray())).isFalse();
    }
    AuthenticationException fifth =
        catchThrowableOfType(
            AuthenticationException.class, () -> ring.unlock("alice", "bad".toCharArray()));
    assertThat(fifth.reason()).isEqualTo(Reason.LOCKED_OUT);
    assertThat(fifth.lockedUntil()).contains(start.plusSeconds(30));
    assertThat(reload().lockedUntil("alice")).contains(start.plusSeconds(30));

    // While locked even the right password is refused, and the lock does not grow.
    AuthenticationException whileLocked =
        catchThrowableOfType(AuthenticationException.class, () -> ring.unlock("alice", PW));
    assertThat(whileLocked.reason()).isEqualTo(Reason.LOCKED_OUT);
    assertThat(ring.failedAttempts("alice")).isEqualTo(5);

    clock.advance(Duration.ofSeconds(30));
    AuthenticationException sixth =
        catchThrowableOfType(
            AuthenticationException.class, () -> ring.unlock("alice", "bad".toCharArray()));
    assertThat(sixth.lockedUntil()).contains(clock.instant().plusSeconds(60));

    clock.advance(Duration.ofSeconds(60));
    KeyRing fresh = reload(); // counters are persisted
    AuthenticationException seventh =
        catchThrowableOfType(
            AuthenticationException.class, () -> fresh.unlock("alice", "bad".toCharArray()));
    assertThat(seventh.lockedUntil()).contains(clock.instant().plusSeconds(120));
  }

  @Test
  void unlocksAfterLockExpiresAndSuccessResetsCounter() {
    ring.addUser("alice", alice, PW, key);
    for (int i = 0; i < 4; i++) {
      assertThat(ring.verify("alice", "bad".toCharArray())).isFalse();
    }
    assertThatThrownBy(() -> ring.verify("alice", "bad".toCharArray()))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED_OUT));
    clock.advance(Duration.ofSeconds(29));
    assertThat(ring.lockedUntil("alice")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(ring.lockedUntil("alice")).isEmpty();
    try (DataKey k = ring.unlock("alice", PW)) {
      assertThat(k.sameKeyAs(key)).isTrue();
    }
    assertThat(reload().failedAttempts("alice")).isZero();
    // After a success the next failure starts from scratch.
    assertThat(ring.verify("alice", "bad".toCharArray())).isFalse();
    assertThat(ring.lockedUntil("alice")).isEmpty();
  }

  @Test
  void clearLockoutLetsTheUserInAtOnce() {
    ring.addUser("alice", alice, PW, key);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> ring.unlock("alice", "bad".toCharArray()))
          .isInstanceOf(AuthenticationException.class);
    }
    assertThat(ring.lockedUntil("alice")).isPresent();
    ring.clearLockout("alice");
    assertThat(reload().lockedUntil("alice")).isEmpty();
    assertThat(ring.verify("alice", PW)).isTrue();
  }

  @Test
  void rewrapKeepsSameDataKey() {
    ring.addUser("alice", alice, PW, key);
    char[] newPw = "a brand new passphrase".toCharArray();
    ring.rewrap("alice", newPw, key);
    KeyRing fresh = reload();
    assertThat(fresh.verify("alice", PW)).isFalse();
    try (DataKey k = fresh.unlock("alice", newPw)) {
      assertThat(k.sameKeyAs(key)).isTrue();
    }
  }

  @Test
  void rewrapAndAddUserRefuseAForeignDataKey() {
    ring.addUser("alice", alice, PW, key);
    try (DataKey other = DataKey.generate()) {
      assertThatThrownBy(() -> ring.rewrap("alice", PW, other))
          .isInstanceOfSatisfying(
              KeyRingException.class,
              e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.WRONG_DATA_KEY));
      assertThatThrownBy(() -> ring.addUser("bob", UserId.random(), PW, other))
          .isInstanceOf(KeyRingException.class);
    }
    assertThat(ring.verify("alice", PW)).isTrue();
  }

  @Test
  void addUserRefusesDuplicates() {
    ring.addUser("alice", alice, PW, key);
    assertThatThrownBy(() -> ring.addUser("ALICE", UserId.random(), PW, key))
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.USER_EXISTS));
    assertThatThrownBy(() -> ring.addUser("bob", alice, PW, key))
        .isInstanceOf(KeyRingException.class);
  }

  @Test
  void removedUserCannotUnlock() throws Exception {
    ring.addUser("alice", alice, PW, key);
    ring.addUser("bob", UserId.random(), "bobs passphrase".toCharArray(), key);
    ring.removeUser("alice");
    KeyRing fresh = reload();
    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> fresh.unlock("alice", PW));
    assertThat(e.reason()).isEqualTo(Reason.WRONG_CREDENTIALS);
    assertThat(fresh.userId("alice")).isEmpty();
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain(alice.value());
    assertThat(fresh.verify("bob", "bobs passphrase".toCharArray())).isTrue();
  }

  @Test
  void keyringHasNoKeyMaterialInPlaintext() throws Exception {
    ring.addUser("alice", alice, PW, key);
    ring.rewrap("alice", "another passphrase".toCharArray(), key);
    byte[] fileBytes = Files.readAllBytes(file);
    String text = new String(fileBytes, StandardCharsets.UTF_8);
    byte[] raw = key.raw();
    assertThat(indexOf(fileBytes, raw)).isEqualTo(-1);
    for (byte[] k : new byte[][] {raw, key.derive("h2-file", 32), key.derive("h2-user", 32)}) {
      String hex = HexFormat.of().formatHex(k);
      assertThat(text.toLowerCase()).doesNotContain(hex).doesNotContain(hex.substring(0, 16));
      assertThat(text)
          .doesNotContain(Base64.getEncoder().encodeToString(k).substring(0, 16))
          .doesNotContain(Base64.getUrlEncoder().encodeToString(k).substring(0, 16));
    }
    assertThat(text).doesNotContain(new String(PW)).doesNotContain("another passphrase");
    // Every base64 value in the file decodes to something other than the key.
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"([A-Za-z0-9+/]{20,}={0,2})\"").matcher(text);
    while (m.find()) {
      byte[] decoded = Base64.getDecoder().decode(m.group(1));
      assertThat(indexOf(decoded, raw)).isEqualTo(-1);
    }
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

  @Test
  void corruptKeyringGivesAClearMessage() throws Exception {
    ring.addUser("alice", alice, PW, key);
    Files.writeString(file, "{ \"format\": \"meditwin-keyring\", \"version\": 1, \"users\": [");
    assertThatThrownBy(reloadCall())
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(KeyRingException.Kind.CORRUPT);
              assertThat(e.userMessage()).contains("keyring.json").contains("damaged");
            });
    Files.write(file, new byte[0]);
    assertThatThrownBy(reloadCall()).isInstanceOf(KeyRingException.class);
    Files.writeString(file, "{\"format\": \"meditwin-keyring\", \"version\": 2}");
    assertThatThrownBy(reloadCall()).hasMessageContaining("version 2");
  }

  @Test
  void trailingGarbageOrDuplicateFieldsAreCorrupt() throws Exception {
    ring.addUser("alice", alice, PW, key);
    String good = Files.readString(file);
    Files.writeString(file, good + " {}");
    assertThatThrownBy(reloadCall())
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.CORRUPT));
    Files.writeString(file, good.replaceFirst("\\{", "{ \"version\": 1,"));
    assertThatThrownBy(reloadCall()).isInstanceOf(KeyRingException.class);
  }

  private org.assertj.core.api.ThrowableAssert.ThrowingCallable reloadCall() {
    return () -> reload();
  }

  @Test
  void editedWrapDoesNotUnlock() throws Exception {
    ring.addUser("alice", alice, PW, key);
    String text = Files.readString(file);
    // Moving alice's wrap to another user id breaks the AAD binding.
    String other = UserId.random().value();
    Files.writeString(file, text.replace(alice.value(), other));
    KeyRing edited = reload();
    assertThat(edited.verify("alice", PW)).isFalse();
  }

  @Test
  void olderKdfParamsStillUnlockAndAreUpgraded() {
    ring.addUser("alice", alice, PW, key);
    KdfParams stronger = new KdfParams(2048, 2, 1);
    KeyRing upgraded = KeyRing.load(file, stronger, clock, LockoutPolicy.standard());
    assertThat(upgraded.kdfParams("alice")).contains(FAST);
    try (DataKey k = upgraded.unlock("alice", PW)) {
      assertThat(k.sameKeyAs(key)).isTrue();
    }
    assertThat(KeyRing.load(file, stronger, clock, LockoutPolicy.standard()).kdfParams("alice"))
        .contains(stronger);
    assertThat(KeyRing.load(file, stronger, clock, LockoutPolicy.standard()).verify("alice", PW))
        .isTrue();
  }

  @Test
  void sealingPublicKeyPersists() {
    byte[] pub = SealedJournal.generateKeyPair().getPublic().getEncoded();
    assertThat(ring.sealingPublicKeyIfPresent()).isEmpty();
    ring.setSealingPublicKey(pub);
    assertThat(reload().sealingPublicKey()).isEqualTo(pub);
    assertThatThrownBy(() -> ring.setSealingPublicKey(new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unknownUsernamesAreNotWrittenInClear() throws Exception {
    ring.addUser("alice", alice, PW, key);
    assertThat(ring.verify("Jane Patient-Name", PW)).isFalse(); // typed into the wrong field
    String text = Files.readString(file);
    assertThat(text).doesNotContainIgnoringCase("jane").doesNotContainIgnoringCase("patient");
    assertThat(text).contains("unknownUsernameAttempts");
  }

  @Test
  void writesLeaveNoTemporaryFilesBehind() throws Exception {
    ring.addUser("alice", alice, PW, key);
    ring.verify("alice", "bad".toCharArray());
    ring.rewrap("alice", PW, key);
    ring.removeUser("alice");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keyring.json");
    }
  }

  @Test
  void absurdKdfParamsInTheFileAreRejectedBeforeAnyWork() throws Exception {
    ring.addUser("alice", alice, PW, key);
    String text = Files.readString(file);
    Files.writeString(file, text.replace("\"memoryKiB\" : 1024", "\"memoryKiB\" : 2000000000"));
    assertThat(Files.readString(file)).contains("2000000000");
    assertThatThrownBy(reloadCall())
        .isInstanceOfSatisfying(
            KeyRingException.class,
            e -> assertThat(e.kind()).isEqualTo(KeyRingException.Kind.CORRUPT));
  }
}
